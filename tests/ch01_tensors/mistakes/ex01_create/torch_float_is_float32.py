"""ch01 · ex01 — creating tensors with the right shape and dtype."""

import torch


def vector(values: list[float]) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float)


def int_zeros(rows: int, cols: int) -> torch.Tensor:
    return torch.zeros(rows, cols, dtype=torch.int64)


def all_true(rows: int, cols: int) -> torch.Tensor:
    return torch.ones(rows, cols, dtype=torch.bool)


def uniform(rows: int, cols: int, seed: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(rows, cols, generator=generator)


def evens(n: int) -> torch.Tensor:
    return torch.arange(0, 2 * n, 2)
