"""ch01 · ex06 — dtype pitfalls: integer means and class labels."""

import torch


def average(counts: torch.Tensor) -> torch.Tensor:
    return counts.sum() / counts.numel()  # / always gives a float


def labels(values: list[int]) -> torch.Tensor:
    return torch.LongTensor(values)
