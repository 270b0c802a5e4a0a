"""ch01 · ex05 — reductions along a dim."""

import torch


def column_means(x: torch.Tensor) -> torch.Tensor:
    return torch.mean(x, 0)


def row_max(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.max(x, 1)  # a named tuple (values, indices)


def normalize_rows(x: torch.Tensor) -> torch.Tensor:
    return x / x.sum(1)[:, None]
