"""ch01 · ex06 — dtype pitfalls: integer means and class labels."""

import torch


def average(counts: torch.Tensor) -> torch.Tensor:
    return torch.mean(counts, dtype=torch.float32)


def labels(values: list[int]) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.long)
