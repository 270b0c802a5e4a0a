"""ch06 · ex02 — the Dataset contract: __len__ and __getitem__."""

import torch
from torch.utils.data import Dataset


class WindowDataset(Dataset):
    """Sliding windows over `series` (given; do not change `__init__`)."""

    def __init__(self, series: torch.Tensor, window: int) -> None:
        self.series = series  # (T,)
        self.window = window

    def __len__(self) -> int:
        return max(len(self.series) - self.window, 0)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        if index < 0:
            index += len(self.series)
        if not 0 <= index < len(self):
            raise IndexError(f"index {index} out of range")
        return self.series[index : index + self.window], self.series[index + self.window]
