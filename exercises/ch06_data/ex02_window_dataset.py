"""ch06 · ex02 — the Dataset contract: `__len__` and `__getitem__`.

Goal: finish a Dataset of sliding windows over a 1-D series. Item `i` is the pair
(series[i : i + window], series[i + window]): a window of past values and the value that
follows it, as in forecasting.
目标：完成一个在一维序列上滑动窗口的 Dataset。第 `i` 项是
(series[i : i + window], series[i + window])：一段过去的值，以及紧跟其后的值（预测任务）。

The contract, the same as a Python list's:
- `len(ds)` is the number of windows that have a next value after them (0 when the
  series is not longer than the window);
- `ds[-1]` is the last item, `ds[-len(ds)]` the first;
- any other index raises `IndexError`. `for x in ds` stops at the first IndexError, so
  without it the loop runs on or returns short, wrong windows.
约定与 Python 列表相同：
- `len(ds)` 是后面还跟着“下一个值”的窗口个数（序列不比窗口长时为 0）；
- `ds[-1]` 是最后一项，`ds[-len(ds)]` 是第一项；
- 其他索引一律抛出 `IndexError`。`for x in ds` 遇到第一个 IndexError 才停下；不抛出它，
  循环就会一直跑下去，或者返回长度不够的错误窗口。

Example:
    >>> ds = WindowDataset(torch.tensor([1., 2., 3., 4., 5.]), window=2)
    >>> len(ds)
    3
    >>> ds[0]
    (tensor([1., 2.]), tensor(3.))
    >>> ds[-1]
    (tensor([3., 4.]), tensor(5.))
    >>> ds[3]
    Traceback (most recent call last):
    IndexError: ...
"""

import torch
from torch.utils.data import Dataset


class WindowDataset(Dataset):
    """Sliding windows over `series` (given; do not change `__init__` · 已给出，请勿修改 `__init__`)."""

    def __init__(self, series: torch.Tensor, window: int) -> None:
        self.series = series  # (T,)
        self.window = window

    def __len__(self) -> int:
        # TODO: count the windows that have a next value after them (roughly 1 line).
        raise NotImplementedError

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        # returns (window values: (window,), next value: ())
        # TODO: accept negative indices, raise IndexError out of range, slice (roughly 5 lines).
        raise NotImplementedError
