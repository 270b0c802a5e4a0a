"""ch01 · ex03 — NumPy and PyTorch sharing memory.

Goal: `from_numpy(array)` turns a NumPy array into a tensor that *shares its memory* with
the array (no copy: writing to one changes the other), keeping its dtype. `to_numpy(t)`
does the reverse: it returns a NumPy array sharing memory with `t`, and it must also work
when `t` requires grad.
目标：`from_numpy(array)` 把 NumPy 数组变成与它**共享内存**的张量（不复制：改其中一个，
另一个也会变），并保持 dtype 不变。`to_numpy(t)` 反过来：返回与 `t` 共享内存的 NumPy 数组，
而且当 `t` 需要梯度（requires_grad=True）时也必须能用。

`torch.tensor(array)` always copies; `torch.Tensor(array)` copies and converts to float32.
`torch.tensor(array)` 总是复制数据；`torch.Tensor(array)` 既复制又转成 float32。

Example:
    >>> a = np.zeros(3)
    >>> t = from_numpy(a)
    >>> a[0] = 7.0
    >>> t
    tensor([7., 0., 0.], dtype=torch.float64)
    >>> w = torch.ones(2, requires_grad=True)
    >>> to_numpy(w)
    array([1., 1.], dtype=float32)
"""

import numpy as np
import torch


def from_numpy(array: np.ndarray) -> torch.Tensor:
    # array: any shape and numeric dtype; returns the same shape and matching dtype
    # TODO: one call that wraps the array's memory (roughly 1 line).
    raise NotImplementedError


def to_numpy(t: torch.Tensor) -> np.ndarray:
    # t: any shape, on the CPU, maybe requiring grad; returns the same shape and dtype
    # TODO: leave the autograd graph, then view the memory as an array (roughly 1 line).
    raise NotImplementedError
