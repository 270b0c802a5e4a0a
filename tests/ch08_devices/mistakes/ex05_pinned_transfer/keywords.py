"""ch08 · ex05 — pinned memory and non-blocking copies (needs a CUDA GPU)."""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = True) -> DataLoader:
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, pin_memory=True)
    return loader


def to_device(
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    device = torch.device(device)
    x, y = batch
    return x.to(device=device, non_blocking=True), y.to(device=device, non_blocking=True)
