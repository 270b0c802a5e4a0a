"""ch02 · ex04 — pairwise Euclidean distances."""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.cdist(x, y)
