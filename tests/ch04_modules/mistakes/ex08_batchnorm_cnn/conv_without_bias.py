"""ch04 · ex08 — BatchNorm2d in a CNN, and its two modes.

Goal: write `SmallCNN(in_channels, channels, num_classes)`: `conv = nn.Conv2d(in_channels,
channels, kernel_size=3, padding=1)`, then `bn = nn.BatchNorm2d(channels)` with its default
settings, ReLU, an average over all positions (global average pooling, one number per
channel), and `fc = nn.Linear(channels, num_classes)`, returning raw logits.
BatchNorm behaves differently in the two modes. In training mode it normalises each channel
with the mean and variance of the current batch and updates its running averages
(`running_mean`, `running_var`). In eval mode it uses those running averages and leaves them
alone, so a sample's output no longer depends on the rest of the batch. `forward` must not
switch modes itself: `model.train()` and `model.eval()` are the caller's job, and like every
`nn.Module` a new `SmallCNN` starts in training mode.
目标：编写 `SmallCNN(in_channels, channels, num_classes)`：先是 `conv = nn.Conv2d(in_channels,
channels, kernel_size=3, padding=1)`，然后是使用默认设置的 `bn = nn.BatchNorm2d(channels)`、
ReLU、对所有位置取平均（全局平均池化，每个通道得到一个数），最后是
`fc = nn.Linear(channels, num_classes)`，返回原始 logits。
BatchNorm 在两种模式下的行为不同。训练模式下，它用当前批量的均值和方差对每个通道做归一化，
并更新滑动平均（`running_mean`、`running_var`）；评估模式下，它改用这些滑动平均，且不再更新，
所以一个样本的输出不再受同一批量中其他样本的影响。`forward` 不能自己切换模式：
`model.train()` 和 `model.eval()` 由调用者负责；和所有 `nn.Module` 一样，新建的 `SmallCNN`
处于训练模式。

Use the attribute names `conv`, `bn` and `fc`: the tests read the model's state_dict.
The conv may have a bias or not (`bias=False` is common before a BatchNorm).
请使用属性名 `conv`、`bn` 和 `fc`：测试会读取模型的 state_dict。
卷积层可以带偏置，也可以不带（BatchNorm 前面的卷积常写 `bias=False`）。

Example:
    >>> model = SmallCNN(in_channels=3, channels=8, num_classes=5)
    >>> model.bn.running_mean.shape
    torch.Size([8])
    >>> model(torch.randn(4, 3, 12, 10)).shape        # training mode: running stats move
    torch.Size([4, 5])
    >>> model.eval()(torch.randn(1, 3, 12, 10)).shape  # eval mode: running stats are used
    torch.Size([1, 5])
"""

import torch
from torch import nn


class SmallCNN(nn.Module):
    def __init__(self, in_channels: int, channels: int, num_classes: int):
        super().__init__()
        # the BatchNorm subtracts the mean anyway, so a conv bias would be cancelled
        self.conv = nn.Conv2d(in_channels, channels, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(num_features=channels, eps=1e-5, momentum=0.1)
        self.relu = nn.ReLU(inplace=True)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(self.relu(self.bn(self.conv(x))))  # (B, channels, 1, 1)
        return self.fc(torch.flatten(x, 1))
