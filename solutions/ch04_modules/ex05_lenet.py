"""ch04 · ex05 — LeNet for 3×32×32 images.

Goal: write `LeNet`, the small convolutional network from the PyTorch CIFAR-10 tutorial.
For a batch of colour images of shape (B, 3, 32, 32) it returns (B, 10) logits:

    conv1 = Conv2d(3, 6, 5)    → ReLU → 2×2 max pool     (B, 6, 28, 28) → (B, 6, 14, 14)
    conv2 = Conv2d(6, 16, 5)   → ReLU → 2×2 max pool     (B, 16, 10, 10) → (B, 16, 5, 5)
    flatten                                              (B, 400)
    fc1 = Linear(400, 120)     → ReLU
    fc2 = Linear(120, 84)      → ReLU
    fc3 = Linear(84, 10)                                 (B, 10), no softmax

Use the attribute names conv1, conv2, fc1, fc2 and fc3 (pooling has no weights: use
`nn.MaxPool2d(2)` or `F.max_pool2d(x, 2)`).
目标：编写 `LeNet`，即 PyTorch CIFAR-10 教程中的小型卷积网络。对形状为 (B, 3, 32, 32) 的
一批彩色图像，它返回 (B, 10) 的 logits（结构见上表；最后不做 softmax）。请使用属性名
conv1、conv2、fc1、fc2 和 fc3（池化层没有权重：用 `nn.MaxPool2d(2)` 或 `F.max_pool2d(x, 2)`）。

Example:
    >>> model = LeNet()
    >>> model.conv2.weight.shape
    torch.Size([16, 6, 5, 5])
    >>> model(torch.randn(4, 3, 32, 32)).shape
    torch.Size([4, 10])
"""

import torch
from torch import nn


class LeNet(nn.Module):
    def __init__(self):
        # TODO: super().__init__(), two conv layers, a pool layer, three linear layers (roughly 7 lines).
        # BEGIN SOLUTION
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, kernel_size=5)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.pool = nn.MaxPool2d(2)  # no weights, so one pool layer can serve both stages
        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # conv2 leaves 16 maps of 5×5 after pooling
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        # END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, 3, 32, 32) -> (B, 10)
        # TODO: conv → ReLU → pool twice, flatten, then the three linear layers (roughly 6 lines).
        # BEGIN SOLUTION
        x = self.pool(torch.relu(self.conv1(x)))  # (B, 6, 14, 14)
        x = self.pool(torch.relu(self.conv2(x)))  # (B, 16, 5, 5)
        x = x.flatten(start_dim=1)  # (B, 400)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)
        # END SOLUTION
