"""ch09 · ex02 — view on a non-contiguous tensor.

Goal: both functions crash with `view size is not compatible with input tensor's size and
stride`. `transpose` and `permute` do not move any data, they only change the strides, so
the result is no longer contiguous and `.view` cannot regroup it. Fix them so they return
the right values.
目标：两个函数都崩溃，报错 `view size is not compatible with input tensor's size and stride`。
`transpose` 和 `permute` 不移动数据，只改变步长（stride），结果不再是连续的（contiguous），
`.view` 无法重新分组。修好它们，让它们返回正确的值。

- `merge_heads(x)`: attention heads (B, heads, T, D) → (B, T, heads·D), each time step
  holding the D values of head 0, then of head 1, ...
  `merge_heads(x)`：把注意力头 (B, heads, T, D) 合并成 (B, T, heads·D)，每个时间步依次放
  第 0 个头的 D 个值、第 1 个头的 D 个值……
- `pixels_as_rows(x)`: images (B, C, H, W) → one row of C channel values per pixel,
  (B·H·W, C), pixels in row-major order.
  `pixels_as_rows(x)`：把图像 (B, C, H, W) 变成每个像素一行、每行 C 个通道值，形状
  (B·H·W, C)，像素按行优先顺序排列。

Example:
    >>> x = torch.arange(12.).reshape(1, 2, 3, 2)   # 2 heads, 3 steps, 2 values each
    >>> merge_heads(x)[0, 0]
    tensor([0., 1., 6., 7.])
    >>> pixels_as_rows(torch.arange(8.).reshape(1, 2, 2, 2))
    tensor([[0., 4.],
            [1., 5.],
            [2., 6.],
            [3., 7.]])
"""

import torch


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    # x: (B, heads, T, D) -> (B, T, heads * D)
    b, heads, t, d = x.shape
    # TODO: fix the crash (roughly 1 line).
    # BEGIN SOLUTION
    return x.transpose(1, 2).reshape(b, t, heads * d)  # reshape copies when the strides do not allow a view
    # END SOLUTION
    # BEGIN STUB
    # return x.transpose(1, 2).view(b, t, heads * d)
    # END STUB


def pixels_as_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B * H * W, C)
    c = x.shape[1]
    # TODO: fix the crash (roughly 1 line).
    # BEGIN SOLUTION
    return x.permute(0, 2, 3, 1).contiguous().view(-1, c)  # contiguous() copies into the permuted order
    # END SOLUTION
    # BEGIN STUB
    # return x.permute(0, 2, 3, 1).view(-1, c)
    # END STUB
