"""ch06 · ex02 — the Dataset contract: __len__ and __getitem__."""

import torch
from torch.utils.data import Dataset


class WindowDataset(Dataset):
    """Sliding windows over `series` (given; do not change `__init__`)."""

    def __init__(self, series: torch.Tensor, window: int) -> None:
        self.series = series  # (T,)
        self.window = window

    def __len__(self) -> int:
        return max(len(self.series) - self.window + 1, 0)  # number of windows of size `window`

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        n = len(self)
        if index < 0:
            index += n
        if index < 0 or index >= n:
            raise IndexError(f"index out of range for {n} windows")
        return self.series[index : index + self.window], self.series[index + self.window]
