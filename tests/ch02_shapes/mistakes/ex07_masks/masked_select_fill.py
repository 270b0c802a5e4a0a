"""ch02 · ex07 — boolean masks: select and replace."""

import torch


def positives(x: torch.Tensor) -> torch.Tensor:
    return torch.masked_select(x, x > 0)


def replace_negatives(x: torch.Tensor, value: float) -> torch.Tensor:
    return x.masked_fill(x < 0, value)


def rows_with_positive_sum(x: torch.Tensor) -> torch.Tensor:
    keep = x.sum(dim=-1) > 0
    return x[keep, :]
