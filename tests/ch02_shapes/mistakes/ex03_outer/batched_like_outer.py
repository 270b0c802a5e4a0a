"""ch02 · ex03 — outer products by broadcasting."""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, None] * b[None, :]


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a[:, None] * b[None, :]  # the same indexing as outer
