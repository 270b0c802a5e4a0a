"""ch06 · ex05 — a transform pipeline for MNIST."""

import torch
from torchvision import transforms

def mnist_transform() -> transforms.Compose:
    return transforms.Compose([
        transforms.Normalize((0.1307,), (0.3081,)),
        transforms.ToTensor(),
    ])


def unnormalize(x: torch.Tensor) -> torch.Tensor:
    # x: (..., 1, H, W) normalised -> same shape, back in [0, 1]
    return x * 0.3081 + 0.1307
