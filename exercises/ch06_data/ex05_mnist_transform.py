"""ch06 · ex05 — a transform pipeline for MNIST.

Goal:
- `mnist_transform()` returns a torchvision pipeline that turns a grayscale PIL image
  (H, W) into a float32 tensor (1, H, W), scaled to [0, 1], then normalised with MNIST's
  training-set mean 0.1307 and standard deviation 0.3081: (x - 0.1307) / 0.3081;
- `unnormalize(x)` undoes the normalisation (to show an image again), without changing
  its input.
Normalised inputs have mean about 0 and standard deviation about 1, which keeps the first
layer's activations and gradients in a good range.
目标：
- `mnist_transform()` 返回一个 torchvision 流水线：把灰度 PIL 图像 (H, W) 变成 float32
  张量 (1, H, W)，先缩放到 [0, 1]，再用 MNIST 训练集的均值 0.1307 和标准差 0.3081
  标准化：(x - 0.1307) / 0.3081；
- `unnormalize(x)` 撤销标准化（用于重新显示图像），且不修改输入。
标准化后的输入均值约为 0、标准差约为 1，使第一层的激活值和梯度保持在合适的范围内。

Example:
    >>> t = mnist_transform()
    >>> x = t(Image.new("L", (28, 28), color=0))   # an all-black image
    >>> x.shape, x.dtype, round(x[0, 0, 0].item(), 4)
    (torch.Size([1, 28, 28]), torch.float32, -0.4242)
    >>> round(unnormalize(x)[0, 0, 0].item(), 4)
    0.0
"""

import torch
from torchvision import transforms


def mnist_transform() -> transforms.Compose:
    # TODO: compose ToTensor and Normalize with MNIST's mean and std (roughly 4 lines).
    raise NotImplementedError


def unnormalize(x: torch.Tensor) -> torch.Tensor:
    # x: (..., 1, H, W) normalised -> same shape, back in [0, 1]
    # TODO: invert (x - mean) / std without changing x (roughly 1 line).
    raise NotImplementedError
