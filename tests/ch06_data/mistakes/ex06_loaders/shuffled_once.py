"""ch06 · ex06 — DataLoaders for training and validation."""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loaders(
    train_set: Dataset, val_set: Dataset, batch_size: int, seed: int
) -> tuple[DataLoader, DataLoader]:
    from torch.utils.data import Subset

    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(train_set), generator=generator).tolist()
    train_loader = DataLoader(Subset(train_set, order), batch_size=batch_size, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size)
    return train_loader, val_loader
