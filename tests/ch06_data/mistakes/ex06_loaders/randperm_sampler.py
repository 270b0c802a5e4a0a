"""ch06 · ex06 — DataLoaders for training and validation."""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loaders(
    train_set: Dataset, val_set: Dataset, batch_size: int, seed: int
) -> tuple[DataLoader, DataLoader]:
    class Shuffled(torch.utils.data.Sampler):
        """A new permutation every epoch, drawn from a generator of its own."""

        def __init__(self, n: int) -> None:
            self.n = n
            self.generator = torch.Generator().manual_seed(seed)

        def __len__(self) -> int:
            return self.n

        def __iter__(self):
            return iter(torch.randperm(self.n, generator=self.generator).tolist())

    train_loader = DataLoader(train_set, batch_size=batch_size, sampler=Shuffled(len(train_set)), drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size)
    return train_loader, val_loader
