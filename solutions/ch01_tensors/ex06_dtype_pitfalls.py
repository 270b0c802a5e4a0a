"""ch01 · ex06 — dtype pitfalls: integer means and class labels.

Goal: `average(counts)` returns the mean of all elements of an integer tensor as a 0-d
float32 tensor. `labels(values)` turns a list of class indices (Python ints) into an int64
tensor, the dtype that loss functions such as cross_entropy expect for class labels.
目标：`average(counts)` 返回整数张量所有元素的均值，结果是 0 维 float32 张量。
`labels(values)` 把类别下标列表（Python int）变成 int64 张量——这正是 cross_entropy 等损失
函数对类别标签要求的 dtype。

Traps: `.mean()` refuses integer tensors, and integer division `//` throws the fraction
away. `torch.Tensor(...)` (capital T) is the class itself and always makes float32;
`torch.tensor(...)` (small t) infers the dtype from the data.
陷阱：`.mean()` 不接受整数张量，整除 `//` 会丢掉小数部分。`torch.Tensor(...)`（大写 T）
是类本身，总是生成 float32；`torch.tensor(...)`（小写 t）会根据数据推断 dtype。

Example:
    >>> average(torch.tensor([[1, 2], [3, 5]]))
    tensor(2.7500)
    >>> labels([2, 0, 1])
    tensor([2, 0, 1])
"""

import torch


def average(counts: torch.Tensor) -> torch.Tensor:
    # counts: any shape, an integer dtype -> () float32
    # TODO: convert to float first, then take the mean (roughly 1 line).
    # BEGIN SOLUTION
    return counts.float().mean()  # mean() is only defined for floating-point tensors
    # END SOLUTION


def labels(values: list[int]) -> torch.Tensor:
    # values: N class indices -> (N,) int64
    # TODO: the lowercase factory, not the class (roughly 1 line).
    # BEGIN SOLUTION
    return torch.tensor(values)  # ints infer int64; torch.Tensor(values) would be float32
    # END SOLUTION
