"""ch09 · ex09 — `view(-1, 8)` on a 5×3 tensor.

Goal: `flatten_batch` turns a batch into one row of features per sample, before a linear
layer. It was written for feature maps of shape (B, 2, 2, 2), so it says `x.view(-1, 8)`.
On a 5×3 tensor it crashes with `shape '[-1, 8]' is invalid for input of size 15`, and on a
(2, 4, 4) tensor it is worse: it runs and returns 4 rows, each mixing half of two samples.
Fix it to use the real sizes: for a contiguous tensor `x` of shape (B, d1, d2, ...), with any
number of dimensions after the batch one, return a tensor of shape (B, d1 * d2 * ...) whose
row i holds the values of sample `x[i]`, in order, with `x`'s dtype. A batch of one stays
one row.
目标：`flatten_batch` 在送进全连接层之前，把一个批量变成每个样本一行特征。它是照着形状为
(B, 2, 2, 2) 的特征图写的，所以写成了 `x.view(-1, 8)`。遇到 5×3 的张量它直接崩溃，报错
`shape '[-1, 8]' is invalid for input of size 15`；遇到 (2, 4, 4) 的张量更糟：它不报错，返回
4 行，每一行都混着两个样本各一半的数据。修好它，用张量真实的大小：对形状为
(B, d1, d2, ...) 的连续张量 `x`（批量维之后可以有任意多个维度），返回形状为
(B, d1 * d2 * ...) 的张量，第 i 行按顺序放着样本 `x[i]` 的值，dtype 与 `x` 相同。批量里只有
一个样本时也要保持一行。

Example:
    >>> flatten_batch(torch.zeros(5, 3)).shape
    torch.Size([5, 3])
    >>> flatten_batch(torch.arange(32).view(2, 4, 4)).shape
    torch.Size([2, 16])
    >>> flatten_batch(torch.zeros(1, 16, 1, 1)).shape
    torch.Size([1, 16])
"""

import torch


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    # x: (B, d1, d2, ...) -> (B, d1 * d2 * ...)
    # TODO: use x's real sizes instead of 8 (roughly 1 line).
    return x.view(-1, x.size(0))
