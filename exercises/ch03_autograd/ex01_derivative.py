"""ch03 · ex01 — derivative with autograd.

Goal: return d/dx f(x) at `x` for f(x) = x² + 3x + 2, computed by autograd, not by hand.
目标：用 autograd（而不是手算）求 f(x) = x² + 3x + 2 在 x 处的导数。

Build f by calling `f(t)` on a tensor `t`: the tests swap `f` for other functions, so a
hand-written 2x + 3 will not pass.
用张量 t 调用 `f(t)` 来构建计算图：测试会把 `f` 换成别的函数，手写 2x + 3 无法通过。

Example:
    >>> derivative_at(2.0)
    7.0
"""

import torch


def f(x: torch.Tensor) -> torch.Tensor:
    """The function to differentiate (given; do not change · 已给出，请勿修改)."""
    return x**2 + 3 * x + 2


def derivative_at(x: float) -> float:
    # TODO: make a tensor that requires grad, build f, call backward (roughly 4 lines).
    raise NotImplementedError
