"""ch02 · ex10 — padding with F.pad.

Goal: `pad_image(img, top, bottom, left, right, value)` adds rows above and below and columns
left and right of every channel of `img` (C, H, W), filled with `value`.
`pad_sequences(seqs)` pads a list of sequences (L_i, D) with zeros at the end of the time
dim, so they fit in one batch (N, L_max, D), where L_max is the longest length.
Both keep the dtype of their inputs, and leave the inputs (and the list `seqs`) unchanged.
目标：`pad_image(img, top, bottom, left, right, value)` 在 `img` (C, H, W) 每个通道的上下
各加若干行、左右各加若干列，填充值为 `value`。`pad_sequences(seqs)` 把一组序列
(L_i, D) 在时间维的末尾补零，使它们能放进一个批 (N, L_max, D)，L_max 为最长的长度。
两个函数都保持输入的 dtype，并且不改动输入（包括列表 `seqs`）。

`F.pad` reads its `pad` tuple from the LAST dim backwards: (left, right, top, bottom, ...).
`F.pad` 的 `pad` 元组从最后一维开始往前读：(左, 右, 上, 下, ...)。

Example:
    >>> pad_image(torch.ones(3, 4, 5), top=1, bottom=0, left=2, right=3).shape
    torch.Size([3, 5, 10])
    >>> pad_sequences([torch.ones(2, 3), torch.ones(4, 3)]).shape
    torch.Size([2, 4, 3])
"""

import torch
import torch.nn.functional as F  # noqa: F401 (unused until you write the code)


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    # img: (C, H, W) -> (C, H + top + bottom, W + left + right)
    # TODO: one F.pad call, last dim first (roughly 1 line).
    raise NotImplementedError


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    # seqs: list of N tensors (L_i, D) -> (N, L_max, D)
    # TODO: pad each sequence's time dim to L_max, then stack (roughly 2 lines).
    raise NotImplementedError
