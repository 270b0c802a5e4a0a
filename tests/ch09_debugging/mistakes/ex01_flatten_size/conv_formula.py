"""ch09 · ex01 — conv → linear: the flattened size."""

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
        def out_size(n: int, kernel: int, padding: int = 0, stride: int = 1) -> int:
            return (n + 2 * padding - kernel) // stride + 1

        sides = []
        for n in (height, width):
            n = out_size(n, 3)  # conv 3x3
            n = out_size(n, 2, stride=2)  # max pool 2
            n = out_size(n, 3, padding=1)  # conv 3x3, padding 1
            sides.append(n)
        flat = self.features[3].out_channels * sides[0] * sides[1]
        self.classifier = nn.Linear(flat, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, in_channels, height, width) -> (B, n_classes)
        x = self.features(x)
        return self.classifier(torch.flatten(x, start_dim=1))
