"""ch01 · ex02 — reading a tensor's attributes.

Goal: `describe(t)` returns a dict of plain Python values that describe any tensor `t`:
目标：`describe(t)` 返回一个由普通 Python 值组成的字典，描述任意张量 `t`：

    "shape":  a tuple of ints, one per dimension        由各维大小组成的 int 元组
    "ndim":   the number of dimensions, an int          维数，int
    "numel":  the number of elements, an int            元素个数，int
    "dtype":  the dtype as a string, e.g. "torch.int64" 字符串形式的 dtype，如 `"torch.int64"`
    "device": the device as a string, e.g. "cpu"        字符串形式的设备，如 `"cpu"`

It must work for every tensor: a 0-d scalar, an empty tensor, one with 5 dims, one on
another device. Read the attributes; don't compute them from one another by hand.
它必须适用于任何张量：0 维标量、空张量、5 维张量、其他设备上的张量。直接读取这些属性，
不要用其中一个去手算另一个。

Example:
    >>> describe(torch.zeros(2, 3, dtype=torch.int64))
    {'shape': (2, 3), 'ndim': 2, 'numel': 6, 'dtype': 'torch.int64', 'device': 'cpu'}
    >>> describe(torch.tensor(3.5))
    {'shape': (), 'ndim': 0, 'numel': 1, 'dtype': 'torch.float32', 'device': 'cpu'}
"""

import torch


def describe(t: torch.Tensor) -> dict:
    # t: any shape, dtype and device
    # TODO: read t.shape, t.ndim, t.numel(), t.dtype, t.device (roughly 7 lines).
    raise NotImplementedError
