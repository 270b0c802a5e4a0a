"""ch02 · ex08 — fancy indexing with (row, col) pairs."""

import torch


def values_at(x: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
    return x[tuple(pairs.T)]


def scores_of_labels(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return scores.gather(1, labels.unsqueeze(1)).squeeze(1)
