"""ch04 · ex07 — find and fix the bug: layers kept in a plain Python list."""

import torch
from torch import nn


class DeepMLP(nn.Module):
    def __init__(self, n_in: int, width: int, depth: int, n_out: int):
        super().__init__()
        self.inp = nn.Linear(n_in, width)
        self.hidden = nn.Sequential(*[nn.Linear(width, width) for _ in range(depth)])
        self.out = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out)
        x = torch.relu(self.inp(x))
        for layer in self.hidden:
            x = torch.relu(layer(x))
        return self.out(x)
