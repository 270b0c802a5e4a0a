"""ch02 · ex04 — pairwise Euclidean distances.

Goal: for points x (N, D) and y (M, D), return the (N, M) table of distances
out[i, j] = ||x[i] - y[j]||, with broadcasting instead of Python loops. Do not call
`torch.cdist`: the point is to build the table yourself.
目标：给定点集 x (N, D) 和 y (M, D)，返回 (N, M) 的距离表 out[i, j] = ||x[i] - y[j]||，
用广播代替 Python 循环。不要调用 `torch.cdist`：本题的目的就是让你自己把这张表算出来。

Example:
    >>> x = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    >>> y = torch.tensor([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]])
    >>> pairwise_distances(x, y)
    tensor([[5.0000, 0.0000, 1.0000],
            [3.6056, 1.4142, 1.0000]])
"""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    # x: (N, D), y: (M, D) -> (N, M)
    # TODO: all differences as an (N, M, D) tensor, then reduce over D (roughly 2 lines).
    # BEGIN SOLUTION
    diff = x[:, None, :] - y[None, :, :]  # (N, 1, D) - (1, M, D) -> (N, M, D)
    return diff.pow(2).sum(dim=-1).sqrt()
    # END SOLUTION
