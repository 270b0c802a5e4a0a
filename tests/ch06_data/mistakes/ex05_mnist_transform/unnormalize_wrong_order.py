"""ch06 · ex05 — a transform pipeline for MNIST."""

import torch
from torchvision import transforms

def mnist_transform() -> transforms.Compose:
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.1307,), (0.3081,)),
    ])


def unnormalize(x: torch.Tensor) -> torch.Tensor:
    # x: (..., 1, H, W) normalised -> same shape, back in [0, 1]
    return (x + 0.1307) * 0.3081
