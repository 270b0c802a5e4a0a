"""ch09 · ex03 — find the step where the loss blew up.

Goal: given the losses of a training run, one per step, return the index of the first
step whose loss is not finite (NaN, +Inf or -Inf), as a Python int. Return None when every
loss is finite.
目标：给定一次训练中每一步的损失，返回第一个不是有限数（NaN、+Inf 或 -Inf）的损失的下标，
类型为 Python int。若所有损失都是有限数，返回 None。

Steps count from 0, so a run that is NaN from the very start gives 0 (not None).
步数从 0 开始数：一开始就是 NaN 的训练应返回 0（而不是 None）。

Example:
    >>> first_nonfinite(torch.tensor([2.3, 1.9, 7.5, float("inf"), float("nan")]))
    3
    >>> first_nonfinite(torch.tensor([2.3, 1.9, 1.2])) is None
    True
"""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    # TODO: mark the non-finite losses, then take the first marked index (roughly 3 lines).
    raise NotImplementedError
