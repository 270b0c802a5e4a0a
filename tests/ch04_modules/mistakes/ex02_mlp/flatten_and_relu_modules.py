"""ch04 · ex02 — the classic MLP: 784 → 128 → 10 with ReLU and dropout."""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, p_drop: float = 0.2):
        super().__init__()
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(28 * 28, 128)
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(p_drop)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.dropout(self.relu(self.fc1(self.flatten(x)))))
