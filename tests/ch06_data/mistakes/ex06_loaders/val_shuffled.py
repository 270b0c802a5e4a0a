"""ch06 · ex06 — DataLoaders for training and validation."""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loaders(
    train_set: Dataset, val_set: Dataset, batch_size: int, seed: int
) -> tuple[DataLoader, DataLoader]:
    generator = torch.Generator().manual_seed(seed)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, drop_last=True, generator=generator)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=True, generator=generator)
    return train_loader, val_loader
