"""ch01 · ex04 — element-wise product vs matrix product."""

import torch


def elementwise_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a * b


def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.mm(a, b)
