"""ch02 · ex11 — a view or a copy?

Goal: `crop_view(img, top, left, h, w)` returns the (C, h, w) window of `img` (C, H, W) that
starts at row `top` and column `left`, as a VIEW: no copy, it shares memory with `img`.
`zero_border(img, k)` returns a COPY of `img` whose outer `k` rows and columns (on all four
sides) are 0, and must leave `img` untouched. `k` may be 0.
目标：`crop_view(img, top, left, h, w)` 返回 `img` (C, H, W) 中从第 `top` 行、第 `left` 列
开始的 (C, h, w) 窗口，而且必须是视图（VIEW）：不复制，与 `img` 共享内存。
`zero_border(img, k)` 返回 `img` 的副本（COPY），其四周最外面的 `k` 行和 `k` 列为 0，
并且不能改动 `img`。`k` 可以为 0。

Slicing gives a view; writing into a view writes into the original. `.clone()` makes an
independent copy. `.contiguous()` is not a way to copy: it returns a tensor that is already
contiguous as it is (`img[0:2].contiguous()` still shares `img`'s memory) and copies only one
that is not, such as a transpose or, usually, a crop like this one.
切片得到的是视图；往视图里写入，就是往原张量里写入。`.clone()` 得到独立的副本。`.contiguous()`
并不是复制的手段：本来就连续的张量会原样返回（`img[0:2].contiguous()` 仍与 `img` 共享内存），
只有不连续的张量才会被复制，例如转置的结果；像本题这样的裁剪窗口通常也不连续。

Example:
    >>> img = torch.arange(12.0).reshape(1, 3, 4)
    >>> crop_view(img, top=1, left=2, h=2, w=2)
    tensor([[[ 6.,  7.],
             [10., 11.]]])
    >>> zero_border(img, 1)
    tensor([[[0., 0., 0., 0.],
             [0., 5., 6., 0.],
             [0., 0., 0., 0.]]])
"""

import torch


def crop_view(img: torch.Tensor, top: int, left: int, h: int, w: int) -> torch.Tensor:
    # img: (C, H, W) -> (C, h, w), sharing memory with img
    # TODO: slice rows and columns (roughly 1 line).
    raise NotImplementedError


def zero_border(img: torch.Tensor, k: int) -> torch.Tensor:
    # img: (C, H, W) -> (C, H, W), a new tensor
    # TODO: clone, then zero four strips of the clone (roughly 6 lines).
    raise NotImplementedError
