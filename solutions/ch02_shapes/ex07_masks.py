"""ch02 · ex07 — boolean masks: select and replace.

Goal:
- `positives(x)`: the entries of `x` that are > 0 (zero is not positive), as a 1-D tensor in
  row-major order.
- `replace_negatives(x, value)`: a copy of `x` with every entry < 0 replaced by `value`.
  Do not modify `x`.
- `rows_with_positive_sum(x)`: the rows of a matrix whose sum is > 0, in their order.
目标：
- `positives(x)`：`x` 中大于 0 的元素（0 不算正数），按行优先顺序组成一维张量。
- `replace_negatives(x, value)`：返回 `x` 的副本，其中所有小于 0 的元素换成 `value`。
  不要修改 `x`。
- `rows_with_positive_sum(x)`：矩阵中行和大于 0 的那些行，保持原来的顺序。

Example:
    >>> x = torch.tensor([[1.0, -2.0, 0.0], [-1.0, -1.0, 3.0]])
    >>> positives(x)
    tensor([1., 3.])
    >>> replace_negatives(x, 9.0)
    tensor([[1., 9., 0.],
            [9., 9., 3.]])
    >>> rows_with_positive_sum(x)
    tensor([[-1., -1.,  3.]])
"""

import torch


def positives(x: torch.Tensor) -> torch.Tensor:
    # x: any shape -> (K,)
    # TODO: index x with a boolean mask (roughly 1 line).
    # BEGIN SOLUTION
    return x[x > 0]  # a mask of x's shape selects entries and flattens them
    # END SOLUTION


def replace_negatives(x: torch.Tensor, value: float) -> torch.Tensor:
    # x: any shape -> same shape
    # TODO: pick between x and value with the mask, without writing into x (roughly 1 line).
    # BEGIN SOLUTION
    return torch.where(x < 0, torch.full_like(x, value), x)  # a new tensor; x stays as it was
    # END SOLUTION


def rows_with_positive_sum(x: torch.Tensor) -> torch.Tensor:
    # x: (N, D) -> (K, D)
    # TODO: one boolean per row, then index the rows (roughly 1 line).
    # BEGIN SOLUTION
    return x[x.sum(dim=1) > 0]  # an (N,) mask on dim 0 keeps whole rows
    # END SOLUTION
