"""ch02 · ex03 — outer products by broadcasting."""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    out = torch.zeros(len(a), len(b))
    for i in range(len(a)):
        for j in range(len(b)):
            out[i, j] = a[i] * b[j]
    return out


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, :, None] * b[:, None, :]
