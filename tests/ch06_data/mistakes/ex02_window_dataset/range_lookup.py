"""ch06 · ex02 — the Dataset contract: __len__ and __getitem__."""

import torch
from torch.utils.data import Dataset


class WindowDataset(Dataset):
    """Sliding windows over `series` (given; do not change `__init__`)."""

    def __init__(self, series: torch.Tensor, window: int) -> None:
        self.series = series  # (T,)
        self.window = window

    def __len__(self) -> int:
        return len(range(self.window, len(self.series)))  # one window per value that can be a target

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        start = range(len(self))[index]  # negative indices and IndexError, as a list does
        chunk = self.series[start : start + self.window + 1]
        return chunk[:-1], chunk[-1]
