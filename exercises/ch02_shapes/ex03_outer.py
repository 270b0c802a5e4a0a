"""ch02 · ex03 — outer products by broadcasting.

Goal: `outer(a, b)` returns the table out[i, j] = a[i] * b[j]; `batched_outer(a, b)` does the
same for every row of a batch: out[k, i, j] = a[k, i] * b[k, j]. Use broadcasting: give each
vector a size-1 dim where the other one has its entries.
目标：`outer(a, b)` 返回表格 out[i, j] = a[i] * b[j]；`batched_outer(a, b)` 对批中的每一行
做同样的事：out[k, i, j] = a[k, i] * b[k, j]。请用广播来做：在另一个向量的元素所在的那一维上，
给这个向量加一个大小为 1 的维度。

Example:
    >>> outer(torch.tensor([1, 2]), torch.tensor([1, 10, 100]))
    tensor([[  1,  10, 100],
            [  2,  20, 200]])
    >>> batched_outer(torch.ones(4, 2), torch.ones(4, 3)).shape
    torch.Size([4, 2, 3])
"""

import torch


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # a: (N,), b: (M,) -> (N, M)
    # TODO: a as a column times b as a row (roughly 1 line).
    raise NotImplementedError


def batched_outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # a: (B, N), b: (B, M) -> (B, N, M)
    # TODO: the same idea, keeping the batch dim in front (roughly 1 line).
    raise NotImplementedError
