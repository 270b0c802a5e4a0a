"""ch02 · ex08 — fancy indexing with (row, col) pairs.

Goal: `values_at(x, pairs)` returns x[r, c] for each pair (r, c) in `pairs` (K, 2), as a
(K,) tensor. `scores_of_labels(scores, labels)` returns, for each row i of `scores` (B, C),
the score of its label: scores[i, labels[i]], a (B,) tensor. No Python loops needed: index
with two integer tensors at once.
目标：`values_at(x, pairs)` 对 `pairs` (K, 2) 中的每一对 (r, c) 取出 x[r, c]，得到形状为
(K,) 的张量。`scores_of_labels(scores, labels)` 对 `scores` (B, C) 的每一行 i 取出其标签的
分数 scores[i, labels[i]]，得到形状为 (B,) 的张量。不需要 Python 循环：同时用两个整数
张量做索引即可。

Example:
    >>> x = torch.tensor([[0, 1, 2], [10, 11, 12]])
    >>> values_at(x, torch.tensor([[1, 2], [0, 0], [1, 0]]))
    tensor([12,  0, 10])
    >>> scores_of_labels(x, torch.tensor([2, 1]))
    tensor([ 2, 11])
"""

import torch


def values_at(x: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
    # x: (N, M), pairs: (K, 2) of int64 (row, col) -> (K,)
    # TODO: split pairs into a row index and a column index (roughly 1 line).
    # BEGIN SOLUTION
    return x[pairs[:, 0], pairs[:, 1]]  # two index tensors are read together, pair by pair
    # END SOLUTION


def scores_of_labels(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    # scores: (B, C), labels: (B,) of int64 -> (B,)
    # TODO: the rows are 0, 1, ..., B-1 (roughly 1 line).
    # BEGIN SOLUTION
    return scores[torch.arange(len(labels)), labels]  # scores[:, labels] would be (B, B)
    # END SOLUTION
