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
        flat = 16 * (height - 2) * (width - 2)  # the 3x3 conv trims 2 pixels from each side
        self.classifier = nn.Linear(flat, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, in_channels, height, width) -> (B, n_classes)
        x = self.features(x)
        return self.classifier(torch.flatten(x, start_dim=1))
