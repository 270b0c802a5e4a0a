"""ch06 · ex05 — a transform pipeline for MNIST."""

import torch
from torchvision import transforms

from torchvision.transforms import v2


def mnist_transform() -> v2.Compose:
    return v2.Compose([
        v2.PILToTensor(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean=[0.1307], std=[0.3081]),
    ])


def unnormalize(x: torch.Tensor) -> torch.Tensor:
    mean, std = torch.tensor(0.1307), torch.tensor(0.3081)
    return torch.addcmul(mean, x, std)
