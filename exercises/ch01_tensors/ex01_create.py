"""ch01 · ex01 — creating tensors with the right shape and dtype.

Goal: write five one-line functions that each build a tensor with a given shape AND dtype:
`vector` (from a list, float64), `int_zeros` (int64 zeros), `all_true` (bool ones),
`uniform` (random floats in [0, 1), drawn by torch.rand from a torch.Generator seeded with
`seed`, leaving torch's global random state alone) and `evens` (0, 2, 4, ... as int64).
目标：写五个只有一行的函数，每个都要创建形状**和** dtype 都符合要求的张量：`vector`（由列表
创建，float64）、`int_zeros`（int64 的全零张量）、`all_true`（元素全为 True 的 bool 张量）、
`uniform`（[0, 1) 上均匀分布的随机浮点数：先用 `seed` 给一个 torch.Generator 设定种子，再用
torch.rand 从中采样，不改动 torch 的全局随机状态）和 `evens`（int64 的 0, 2, 4, ...）。

Every creation function takes a `dtype=` argument; without it you get the default, which is
float32 for zeros/ones/rand and whatever the values suggest for torch.tensor/arange.
所有创建函数都接受 `dtype=` 参数；不写就得到默认的数据类型：zeros/ones/rand 默认是 float32，
torch.tensor/arange 则根据传入的值来推断。

Example:
    >>> vector([1, 2, 3])
    tensor([1., 2., 3.], dtype=torch.float64)
    >>> int_zeros(2, 3)
    tensor([[0, 0, 0],
            [0, 0, 0]])
    >>> all_true(1, 2)
    tensor([[True, True]])
    >>> uniform(2, 3, seed=0).shape, uniform(2, 3, seed=0).dtype
    (torch.Size([2, 3]), torch.float32)
    >>> evens(4)
    tensor([0, 2, 4, 6])
"""

import torch


def vector(values: list[float]) -> torch.Tensor:
    # returns (len(values),) float64, even when `values` holds ints
    # TODO: build it with torch.tensor and a dtype (roughly 1 line).
    raise NotImplementedError


def int_zeros(rows: int, cols: int) -> torch.Tensor:
    # returns (rows, cols) int64, all zeros
    # TODO: torch.zeros with a dtype (roughly 1 line).
    raise NotImplementedError


def all_true(rows: int, cols: int) -> torch.Tensor:
    # returns (rows, cols) bool, every element True
    # TODO: torch.ones with a dtype (roughly 1 line).
    raise NotImplementedError


def uniform(rows: int, cols: int, seed: int) -> torch.Tensor:
    # returns (rows, cols) float32, uniform in [0, 1); the same seed gives the same values,
    # and torch's global generator is left as it was
    # TODO: seed a generator, then draw with torch.rand (roughly 2 lines).
    raise NotImplementedError


def evens(n: int) -> torch.Tensor:
    # returns (n,) int64: 0, 2, 4, ..., 2n - 2
    # TODO: torch.arange with a start, an end and a step (roughly 1 line).
    raise NotImplementedError
