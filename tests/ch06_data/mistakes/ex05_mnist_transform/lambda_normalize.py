"""ch06 · ex05 — a transform pipeline for MNIST."""

import torch
from torchvision import transforms

MEAN, STD = 0.1307, 0.3081


def mnist_transform() -> transforms.Compose:
    return transforms.Compose([transforms.ToTensor(), transforms.Lambda(lambda x: (x - MEAN) / STD)])


def unnormalize(x: torch.Tensor) -> torch.Tensor:
    y = x.clone()
    y.mul_(STD).add_(MEAN)
    return y
