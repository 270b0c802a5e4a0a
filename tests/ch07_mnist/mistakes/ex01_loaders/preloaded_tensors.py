"""ch07 · ex01 — MNIST data loaders."""

import torch
from torch.utils.data import DataLoader, TensorDataset
from torchvision import datasets


def normalised(split: datasets.MNIST) -> TensorDataset:
    # All images at once: uint8 (N, 28, 28) -> float (N, 1, 28, 28), scaled to [0, 1], then normalised.
    images = split.data.unsqueeze(1).float() / 255
    images = (images - 0.1307) / 0.3081
    return TensorDataset(images, split.targets)


def make_loaders(data_dir: str, batch_size: int = 64) -> tuple[DataLoader, DataLoader]:
    train = normalised(datasets.MNIST(data_dir, train=True, download=False))
    test = normalised(datasets.MNIST(data_dir, train=False, download=False))
    return (
        DataLoader(train, batch_size=batch_size, shuffle=True),
        DataLoader(test, batch_size=batch_size, shuffle=False),
    )
