"""ch02 · ex04 — pairwise Euclidean distances."""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    diff = x[:, None, :] - y[None, :, :]
    return diff.pow(2).sum(dim=1).sqrt()  # dim 1 is M, not D
