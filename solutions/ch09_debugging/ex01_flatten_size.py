"""ch09 · ex01 — conv → linear: the flattened size.

Goal: `SmallConvNet` crashes on its first forward pass with
`mat1 and mat2 shapes cannot be multiplied`: the `nn.Linear` after the convolutions was
given the wrong `in_features`. Compute the number of features one image has after
`self.features` (channels × height × width of the feature map) for any input size.
目标：`SmallConvNet` 第一次前向传播就崩溃，报错 `mat1 and mat2 shapes cannot be multiplied`：
卷积后面的 `nn.Linear` 的 `in_features` 写错了。请对任意输入尺寸，算出一张图片经过
`self.features` 后展平的特征数（特征图的通道数 × 高 × 宽）。

The error message already tells you the size it got: in `(4x2704 and 12544x10)`, each of
the 4 images brought 2704 features, while the layer expects 12544.
报错信息里已经有实际的大小：`(4x2704 and 12544x10)` 表示 4 张图片每张有 2704 个特征，
而这一层期望 12544 个。

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
        # TODO: compute the flattened size of one image's feature map (roughly 2 lines).
        # BEGIN SOLUTION
        h, w = (height - 2) // 2, (width - 2) // 2  # the 3×3 conv trims 2, the pool halves (rounding down)
        flat = 16 * h * w
        # END SOLUTION
        # BEGIN STUB
        # flat = 16 * height * width
        # END STUB
        self.classifier = nn.Linear(flat, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, in_channels, height, width) -> (B, n_classes)
        x = self.features(x)
        return self.classifier(torch.flatten(x, start_dim=1))
