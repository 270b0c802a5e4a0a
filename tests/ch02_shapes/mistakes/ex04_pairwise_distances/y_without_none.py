"""ch02 · ex04 — pairwise Euclidean distances."""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    diff = x[:, None] - y  # (N, 1, D) - (M, D) broadcasts to (N, M, D)
    return (diff**2).sum(-1) ** 0.5
