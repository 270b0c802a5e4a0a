"""ch01 · ex07 — brightening a uint8 image (find and fix the bug).

Goal: `brighten(image, amount)` adds `amount` (between -255 and 255) to every pixel of a
uint8 grayscale image and returns a uint8 image, clamping results to [0, 255]: a pixel of
250 brightened by 10 becomes 255, and a pixel of 5 darkened by 10 becomes 0. `image` itself
must not change.
目标：`brighten(image, amount)` 给 uint8 灰度图的每个像素加上 `amount`（-255 到 255 之间），
返回 uint8 图像，结果钳制在 [0, 255] 内：250 加 10 得 255，5 减 10 得 0。不能修改 `image` 本身。

The code below looks right but is not: a pixel of 250 brightened by 10 comes out as 4, and
a pixel of 5 darkened by 10 comes out as 251. Find out why and fix it.
下面的代码看起来没错，其实不然：值为 250 的像素调亮 10 后变成了 4，值为 5 的像素调暗 10 后
变成了 251。找出原因并修复它。

Example:
    >>> brighten(torch.tensor([[0, 100, 250]], dtype=torch.uint8), 10)
    tensor([[ 10, 110, 255]], dtype=torch.uint8)
    >>> brighten(torch.tensor([[5, 100]], dtype=torch.uint8), -10)
    tensor([[ 0, 90]], dtype=torch.uint8)
"""

import torch


def brighten(image: torch.Tensor, amount: int) -> torch.Tensor:
    # image: (H, W) uint8; amount: an int in [-255, 255] -> (H, W) uint8
    # TODO: find why 250 + 10 comes out as 4, and fix it (roughly 2 lines to change).
    return image + amount
