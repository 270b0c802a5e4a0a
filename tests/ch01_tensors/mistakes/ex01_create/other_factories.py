"""ch01 · ex01 — creating tensors with the right shape and dtype."""

import torch


def vector(values: list[float]) -> torch.Tensor:
    return torch.tensor(values, dtype=float)  # Python's float is float64


def int_zeros(rows: int, cols: int) -> torch.Tensor:
    return torch.full((rows, cols), 0, dtype=torch.long)


def all_true(rows: int, cols: int) -> torch.Tensor:
    return torch.full((rows, cols), True)


def uniform(rows: int, cols: int, seed: int) -> torch.Tensor:
    generator = torch.Generator()
    generator.manual_seed(seed)
    return torch.empty(rows, cols).uniform_(0, 1, generator=generator)


def evens(n: int) -> torch.Tensor:
    return torch.arange(n) * 2
