"""ch02 · ex06 — batch and channel dims with unsqueeze and squeeze.

Goal: models take batches, so a single image (C, H, W) needs a batch dim: `add_batch_dim`
returns (1, C, H, W). `drop_batch_dim` undoes it: (1, C, H, W) -> (C, H, W), and must keep
other size-1 dims (a grey image has C = 1). `scale_channels(x, s)` multiplies channel c of
every image in the batch by s[c]; shape `s` so that it broadcasts along the channel dim.
目标：模型的输入是一批数据，所以单张图像 (C, H, W) 需要加上一个批维度：`add_batch_dim` 返回
(1, C, H, W)。`drop_batch_dim` 反过来把 (1, C, H, W) 变回 (C, H, W)，并且必须保留其他
大小为 1 的维度（灰度图的 C = 1）。`scale_channels(x, s)` 把批中每张图的第 c 个通道乘以
s[c]；请调整 `s` 的形状，让它沿通道维广播。

Example:
    >>> add_batch_dim(torch.zeros(3, 4, 5)).shape
    torch.Size([1, 3, 4, 5])
    >>> drop_batch_dim(torch.zeros(1, 1, 4, 5)).shape
    torch.Size([1, 4, 5])
    >>> scale_channels(torch.ones(2, 3, 1, 1), torch.tensor([1.0, 2.0, 3.0]))[0].flatten()
    tensor([1., 2., 3.])
"""

import torch


def add_batch_dim(img: torch.Tensor) -> torch.Tensor:
    # img: (C, H, W) -> (1, C, H, W)
    # TODO: a new size-1 dim in front (roughly 1 line).
    # BEGIN SOLUTION
    return img.unsqueeze(0)  # a batch of one image
    # END SOLUTION


def drop_batch_dim(x: torch.Tensor) -> torch.Tensor:
    # x: (1, C, H, W) -> (C, H, W)
    # TODO: remove only dim 0 (roughly 1 line).
    # BEGIN SOLUTION
    return x.squeeze(0)  # squeeze() with no dim would also drop C = 1 or H = 1
    # END SOLUTION


def scale_channels(x: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W), s: (C,) -> (B, C, H, W)
    # TODO: reshape s to (1, C, 1, 1), then multiply (roughly 1 line).
    # BEGIN SOLUTION
    return x * s[None, :, None, None]  # plain s would line up with W, the last dim
    # END SOLUTION
