"""ch06 · ex06 — DataLoaders for training and validation."""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loaders(
    train_set: Dataset, val_set: Dataset, batch_size: int, seed: int
) -> tuple[DataLoader, DataLoader]:
    from torch.utils.data import BatchSampler, RandomSampler, SequentialSampler

    sampler = RandomSampler(train_set, generator=torch.Generator().manual_seed(seed))
    train_loader = DataLoader(train_set, batch_sampler=BatchSampler(sampler, batch_size, drop_last=True))
    val_loader = DataLoader(val_set, batch_sampler=BatchSampler(SequentialSampler(val_set), batch_size, False))
    return train_loader, val_loader
