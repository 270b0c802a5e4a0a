"""ch09 · ex01 — fix: a crash between the convolutions and the classifier.

Goal: SmallConvNet crashes on its first forward pass with 'mat1 and mat2 shapes cannot be
multiplied': make it work for inputs of any height and width, without changing its layers.
目标：SmallConvNet 第一次前向传播就崩溃，报错 'mat1 and mat2 shapes cannot be multiplied'：
让它对任意高和宽的输入都能正常运行，不要改动它的各个层。

Example:
    >>> net = SmallConvNet(in_channels=1, height=28, width=28, n_classes=10)
    >>> net(torch.randn(4, 1, 28, 28)).shape
    torch.Size([4, 10])
    >>> net.classifier.in_features  # 16 channels × 13 × 13
    2704
"""

import torch
from torch import nn


class SmallConvNet(nn.Module):
    def __init__(self, in_channels: int, height: int, width: int, n_classes: int):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 8, kernel_size=3),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, kernel_size=3, padding=1),
            nn.ReLU(),
        )
        # TODO: fix the crash, for every input size (roughly 2 lines).
        flat = 16 * height * width
        self.classifier = nn.Linear(flat, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, in_channels, height, width) -> (B, n_classes)
        x = self.features(x)
        return self.classifier(torch.flatten(x, start_dim=1))
