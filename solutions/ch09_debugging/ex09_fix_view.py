"""ch09 · ex09 — fix: a flatten that only fits one shape.

Goal: flatten_batch was written for feature maps of shape (B, 2, 2, 2): on a 5×3 tensor it
crashes, and on a (2, 4, 4) tensor it quietly returns 4 rows that mix samples. Make it work
for a contiguous x of shape (B, d1, d2, ...), with any number of dimensions after the batch
one: return a tensor of shape (B, d1 * d2 * ...) whose row i holds the values of x[i] in
order, with x's dtype; a batch of one stays one row.
目标：flatten_batch 是照着形状为 (B, 2, 2, 2) 的特征图写的：遇到 5×3 的张量它会崩溃，
遇到 (2, 4, 4) 的张量它不报错，却悄悄返回 4 行，每行都混着不同样本的数据。修好它，
对形状为 (B, d1, d2, ...) 的连续张量 x（批量维之后可以有任意多个维度），返回形状为 (B, d1 * d2 *
...) 的张量，第 i 行按顺序放着 x[i] 的值，dtype 与 x 相同；批量里只有一个样本时也要保持一行。

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
    # TODO: make it work for every shape, not only (B, 2, 2, 2) (roughly 1 line).
    # BEGIN SOLUTION
    return x.view(x.size(0), -1)  # keep the batch size, let -1 count the features
    # END SOLUTION
    # BEGIN STUB
    # return x.view(-1, 8)
    # END STUB
