"""ch01 · ex06 — dtype pitfalls: integer means and class labels."""

import torch


def average(counts: torch.Tensor) -> torch.Tensor:
    return counts.float().mean()


def labels(values: list[int]) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.int)
