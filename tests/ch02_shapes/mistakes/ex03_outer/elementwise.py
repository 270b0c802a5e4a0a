"""ch02 · ex03 — outer products by broadcasting."""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a * b  # multiplies a[i] by b[i], entry by entry


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, :, None] * b[:, None, :]
