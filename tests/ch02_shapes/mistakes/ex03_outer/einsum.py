"""ch02 · ex03 — outer products by broadcasting."""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("i,j->ij", a, b)


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bi,bj->bij", a, b)
