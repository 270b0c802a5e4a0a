"""ch01 · ex05 — reductions along a dim.

Goal: for a 2-D tensor `x` of shape (N, M) (N rows, M columns):
目标：对形状为 (N, M) 的二维张量 `x`（N 行、M 列）：

- `column_means(x)`: the mean of each column, shape (M,).
  每一列的均值，形状 (M,)。
- `row_max(x)`: a tuple `(values, indices)`: each row's largest value and its column index,
  both of shape (N,). 返回元组 `(values, indices)`：每一行的最大值及其列下标，形状都是 (N,)。
- `normalize_rows(x)`: divide each row by its sum so every row sums to 1, shape (N, M),
  without changing `x`. 每一行除以该行之和，使每行之和为 1，形状 (N, M)，不修改 `x`。

`dim` names the dimension that disappears: reducing over dim=0 collapses the rows.
`dim` 指的是归约后消失的那一维：沿 dim=0 归约会把所有行压缩成一行。

Example:
    >>> x = torch.tensor([[1., 2., 3.], [3., 6., 1.]])
    >>> column_means(x)
    tensor([2., 4., 2.])
    >>> row_max(x)
    (tensor([3., 6.]), tensor([2, 1]))
    >>> normalize_rows(x)
    tensor([[0.1667, 0.3333, 0.5000],
            [0.3000, 0.6000, 0.1000]])
"""

import torch


def column_means(x: torch.Tensor) -> torch.Tensor:
    # x: (N, M) float -> (M,)
    # TODO: mean over the rows (roughly 1 line).
    # BEGIN SOLUTION
    return x.mean(dim=0)  # dim=0 runs down the rows, so one value is left per column
    # END SOLUTION


def row_max(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    # x: (N, M) float -> (values (N,) float, indices (N,) int64)
    # TODO: max over the columns, giving (values, indices) (roughly 2 lines).
    # BEGIN SOLUTION
    values, indices = x.max(dim=1)  # with a dim, max also says where each maximum is
    return values, indices
    # END SOLUTION


def normalize_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (N, M) positive float -> (N, M), every row summing to 1
    # TODO: row sums that keep their dim, then divide (roughly 2 lines).
    # BEGIN SOLUTION
    totals = x.sum(dim=1, keepdim=True)  # (N, 1) lines up with the rows of x when dividing
    return x / totals
    # END SOLUTION
