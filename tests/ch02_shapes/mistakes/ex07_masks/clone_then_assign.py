"""ch02 · ex07 — boolean masks: select and replace."""

import torch


def positives(x: torch.Tensor) -> torch.Tensor:
    flat = x.flatten()
    return flat[flat > 0]


def replace_negatives(x: torch.Tensor, value: float) -> torch.Tensor:
    out = x.clone()
    out[out < 0] = value
    return out


def rows_with_positive_sum(x: torch.Tensor) -> torch.Tensor:
    rows = torch.nonzero(x.sum(dim=1) > 0).squeeze(1)
    return x.index_select(0, rows)
