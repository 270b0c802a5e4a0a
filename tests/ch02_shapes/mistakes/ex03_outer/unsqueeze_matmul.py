"""ch02 · ex03 — outer products by broadcasting."""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a.unsqueeze(1) * b.unsqueeze(0)


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.bmm(a.unsqueeze(2), b.unsqueeze(1))  # (B, N, 1) @ (B, 1, M)
