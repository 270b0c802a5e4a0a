"""ch04 · ex02 — the classic MLP: 784 → 128 → 10 with ReLU and dropout.

Goal: write `MLP`, the first network most people train on 28×28 digit images. It flattens
each image to 784 numbers, applies `fc1 = nn.Linear(784, 128)`, ReLU, `dropout =
nn.Dropout(p_drop)`, then `fc2 = nn.Linear(128, 10)`, and returns the 10 raw scores
(logits, no softmax). Dropout zeroes random hidden units in training mode only:
`model.eval()` turns it off.
目标：编写 `MLP`，这是大多数人在 28×28 数字图像上训练的第一个网络。它把每张图像展平成
784 个数，依次经过 `fc1 = nn.Linear(784, 128)`、ReLU、`dropout = nn.Dropout(p_drop)`、
`fc2 = nn.Linear(128, 10)`，返回 10 个原始分数（logits，不做 softmax）。Dropout 只在训练模式下
随机把隐藏单元置零：`model.eval()` 会关闭它。

Use the attribute names `fc1`, `dropout` and `fc2`: the tests read the model's state_dict.
请使用属性名 `fc1`、`dropout` 和 `fc2`：测试会读取模型的 state_dict。

Example:
    >>> model = MLP()
    >>> {k: tuple(v.shape) for k, v in model.state_dict().items()}
    {'fc1.weight': (128, 784), 'fc1.bias': (128,), 'fc2.weight': (10, 128), 'fc2.bias': (10,)}
    >>> model(torch.randn(32, 1, 28, 28)).shape
    torch.Size([32, 10])
"""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, p_drop: float = 0.2):
        # TODO: super().__init__(), then fc1, dropout and fc2 (roughly 4 lines).
        # BEGIN SOLUTION
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 128)
        self.dropout = nn.Dropout(p_drop)  # a module, so model.train()/.eval() switch it on and off
        self.fc2 = nn.Linear(128, 10)
        # END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, 1, 28, 28) images -> (B, 10) logits
        # TODO: flatten, fc1, ReLU, dropout, fc2 (roughly 4 lines).
        # BEGIN SOLUTION
        x = x.flatten(start_dim=1)  # (B, 784): keep the batch dimension
        x = self.dropout(torch.relu(self.fc1(x)))
        return self.fc2(x)
        # END SOLUTION
