"""ch06 · ex02 — the Dataset contract: __len__ and __getitem__."""

import torch
from torch.utils.data import Dataset


class WindowDataset(Dataset):
    """Sliding windows over `series` (given; do not change `__init__`)."""

    def __init__(self, series: torch.Tensor, window: int) -> None:
        self.series = series  # (T,)
        self.window = window

    def __len__(self) -> int:
        if len(self.series) <= self.window:
            return 0
        return len(self.series) - self.window

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        if not -len(self) <= index < len(self):
            raise IndexError("WindowDataset index out of range")
        windows = self.series.unfold(0, self.window + 1, 1)  # (len, window + 1), a view
        return windows[index, :-1], windows[index, -1]
