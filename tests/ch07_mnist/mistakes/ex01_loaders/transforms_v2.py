"""ch07 · ex01 — MNIST data loaders."""

import torch
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler
from torchvision import datasets
from torchvision.transforms import v2


def make_loaders(data_dir: str, batch_size: int = 64) -> tuple[DataLoader, DataLoader]:
    transform = v2.Compose([
        v2.ToImage(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean=[0.1307], std=[0.3081]),
    ])
    train_set = datasets.MNIST(root=data_dir, train=True, transform=transform)
    test_set = datasets.MNIST(root=data_dir, train=False, transform=transform)
    train_loader = DataLoader(train_set, batch_size, sampler=RandomSampler(train_set))
    test_loader = DataLoader(test_set, batch_size, sampler=SequentialSampler(test_set))
    return train_loader, test_loader
