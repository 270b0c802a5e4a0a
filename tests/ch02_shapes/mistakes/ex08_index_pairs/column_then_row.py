"""ch02 · ex08 — fancy indexing with (row, col) pairs."""

import torch


def values_at(x: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
    return x[pairs[:, 1], pairs[:, 0]]


def scores_of_labels(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return scores[torch.arange(len(labels)), labels]
