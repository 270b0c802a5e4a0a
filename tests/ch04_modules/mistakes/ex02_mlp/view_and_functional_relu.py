"""ch04 · ex02 — the classic MLP: 784 → 128 → 10 with ReLU and dropout."""

import torch
from torch import nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, p_drop: float = 0.2):
        super(MLP, self).__init__()
        self.fc1 = nn.Linear(in_features=784, out_features=128)
        self.dropout = nn.Dropout(p=p_drop)
        self.fc2 = nn.Linear(in_features=128, out_features=10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = self.dropout(x)
        x = self.fc2(x)
        return x
