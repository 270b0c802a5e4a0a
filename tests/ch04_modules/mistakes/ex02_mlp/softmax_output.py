"""ch04 · ex02 — the classic MLP: 784 → 128 → 10 with ReLU and dropout."""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, p_drop: float = 0.2):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 128)
        self.dropout = nn.Dropout(p_drop)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.flatten(start_dim=1)
        x = self.dropout(torch.relu(self.fc1(x)))
        return torch.softmax(self.fc2(x), dim=1)  # probabilities
