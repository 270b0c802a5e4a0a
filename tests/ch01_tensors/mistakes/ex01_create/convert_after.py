"""ch01 · ex01 — creating tensors with the right shape and dtype."""

import torch


def vector(values: list[float]) -> torch.Tensor:
    return torch.as_tensor(values, dtype=torch.float64)


def int_zeros(rows: int, cols: int) -> torch.Tensor:
    return torch.zeros((rows, cols)).long()


def all_true(rows: int, cols: int) -> torch.Tensor:
    return torch.ones(rows, cols).bool()


def uniform(rows: int, cols: int, seed: int) -> torch.Tensor:
    with torch.random.fork_rng(devices=[]):  # the global generator is restored afterwards
        torch.manual_seed(seed)
        return torch.rand(rows, cols)


def evens(n: int) -> torch.Tensor:
    return 2 * torch.arange(0, n)
