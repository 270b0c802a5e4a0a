"""ch03 · ex02 — derivatives of x³ and sin x.

Goal: return the slope of x³ and of sin x at a point, computed by autograd.
目标：用 autograd 求 x³ 和 sin x 在某一点的导数（斜率）。

Call the given `cube(t)` and `sine(t)` on a tensor `t`: the tests swap them for other
functions, so a hand-written 3x² or cos x will not pass.
在张量 t 上调用给定的 `cube(t)` 和 `sine(t)`：测试会把它们换成别的函数，
手写 3x² 或 cos x 无法通过。

Example:
    >>> cube_slope(3.0)
    27.0
    >>> import math
    >>> round(sine_slope(math.pi / 4), 6)  # cos(π/4)
    0.707107
"""

import torch


def cube(x: torch.Tensor) -> torch.Tensor:
    """x³ (given; do not change · 已给出，请勿修改)."""
    return x**3


def sine(x: torch.Tensor) -> torch.Tensor:
    """sin x (given; do not change · 已给出，请勿修改)."""
    return torch.sin(x)


def cube_slope(x: float) -> float:
    # TODO: a tensor that requires grad, cube(t), backward, read t.grad (roughly 3 lines).
    raise NotImplementedError


def sine_slope(x: float) -> float:
    # TODO: the same steps with sine(t) (roughly 3 lines).
    raise NotImplementedError
