"""ch02 · ex07 — boolean masks: select and replace."""

import torch


def positives(x: torch.Tensor) -> torch.Tensor:
    return x[x >= 0]


def replace_negatives(x: torch.Tensor, value: float) -> torch.Tensor:
    return torch.where(x < 0, torch.full_like(x, value), x)


def rows_with_positive_sum(x: torch.Tensor) -> torch.Tensor:
    return x[x.sum(dim=1) > 0]
