"""ch02 · ex02 — standardize along a dim (find and fix the bug)."""

import torch


def standardize(x: torch.Tensor, dim: int, eps: float = 1e-5) -> torch.Tensor:
    mean = x.mean(dim, keepdim=True)
    var = x.var(dim, keepdim=True)  # unbiased: divides by n - 1
    return (x - mean) / torch.sqrt(var + eps)
