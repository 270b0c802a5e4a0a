"""ch01 · ex05 — reductions along a dim."""

import torch


def column_means(x: torch.Tensor) -> torch.Tensor:
    return x.mean(dim=0)


def row_max(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    values, indices = x.max(dim=0)
    return values, indices


def normalize_rows(x: torch.Tensor) -> torch.Tensor:
    totals = x.sum(dim=1, keepdim=True)
    return x / totals
