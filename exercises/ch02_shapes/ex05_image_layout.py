"""ch02 · ex05 — image layout: permute, view and reshape.

Goal: `hwc_to_chw(img)` turns an image stored as (H, W, C), the way PIL and NumPy keep it,
into the (C, H, W) layout that PyTorch layers expect. `flatten_batch(x)` turns a batch of
images (B, C, H, W) into one row per image, (B, C*H*W), and must also work when `x` is not
contiguous in memory (for example, straight out of `hwc_to_chw`).
目标：`hwc_to_chw(img)` 把按 (H, W, C) 存放的图像（PIL 和 NumPy 的习惯）转换成 PyTorch
层需要的 (C, H, W) 布局。`flatten_batch(x)` 把一批图像 (B, C, H, W) 展平成每张图一行，
即 (B, C*H*W)；当 `x` 在内存中不连续时（例如刚经过 `hwc_to_chw`）也必须能用。

Reshaping is not moving axes: `img.reshape(C, H, W)` keeps the numbers in memory order and
scrambles the picture. And `view` refuses a tensor whose memory is not laid out for it.
改变形状不等于调换维度顺序：`img.reshape(C, H, W)` 只会按内存顺序把数字重新分组，图像就乱了。
而 `view` 遇到内存布局不合适的张量时会直接报错。

Example:
    >>> img = torch.zeros(32, 48, 3)      # H=32, W=48, C=3
    >>> hwc_to_chw(img).shape
    torch.Size([3, 32, 48])
    >>> flatten_batch(torch.zeros(8, 3, 32, 48)).shape
    torch.Size([8, 4608])
"""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    # img: (H, W, C) -> (C, H, W)
    # TODO: reorder the axes (roughly 1 line).
    raise NotImplementedError


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B, C*H*W)
    # TODO: keep dim 0, merge the rest (roughly 1 line).
    raise NotImplementedError
