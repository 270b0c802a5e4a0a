"""ch02 · ex02 — standardize along a dim (find and fix the bug).

Goal: `standardize(x, dim)` shifts and scales `x` so that every slice along `dim` has mean 0
and variance 1: (x - mean) / sqrt(var + eps), with the population variance (divide by n).
目标：`standardize(x, dim)` 让 `x` 沿 `dim` 的每一条切片均值为 0、方差为 1：
(x - mean) / sqrt(var + eps)，方差用总体方差（除以 n）。

The code below works for `dim=0`, but for other dims it crashes, or, worse, silently gives
wrong numbers when the tensor happens to be square. Find the bug and fix it.
下面的代码在 `dim=0` 时没问题，换成其他维度就会报错；更糟的是，当张量恰好是方阵时，
它不报错却悄悄算出错误的结果。找到并修复这个 bug。

Example:
    >>> x = torch.tensor([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    >>> standardize(x, dim=1)  # each row: mean 0, variance 1
    tensor([[-1.2247,  0.0000,  1.2247],
            [-1.2247,  0.0000,  1.2247]])
"""

import torch


def standardize(x: torch.Tensor, dim: int, eps: float = 1e-5) -> torch.Tensor:
    # x: any shape; returns a tensor of the same shape
    # TODO: find the bug: compare the shapes of mean and x for dim=1 (roughly 2 lines to change).
    # BEGIN SOLUTION
    mean = x.mean(dim, keepdim=True)  # keepdim leaves a size-1 dim that broadcasts along `dim`
    var = x.var(dim, unbiased=False, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps)
    # END SOLUTION
    # BEGIN STUB
    # mean = x.mean(dim)
    # var = x.var(dim, unbiased=False)
    # return (x - mean) / torch.sqrt(var + eps)
    # END STUB
