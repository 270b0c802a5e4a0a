"""ch02 · ex04 — pairwise Euclidean distances."""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # |x - y|^2 = |x|^2 + |y|^2 - 2 x.y, clamped at 0 against rounding
    squared = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2 * x @ y.T
    return squared.clamp(min=0).sqrt()
