"""ch03 · ex08 — gradients through if and while.

Goal: autograd records the operations that actually ran, so plain Python `if` and `while`
are fine: every call builds its own graph (a dynamic graph).
1. `grow(x)` doubles x until its norm reaches 1000, then returns a scalar:
   y = 2x; while ‖y‖ < 1000: y = 2y; s = y.sum(); return √s if s > 0, else 100·s.
   Write the branch as a real `if`: a `torch.where` computes both sides, and where s < 0 the
   unused √s is NaN, which turns the gradient into NaN.
2. `grad_at(fn, x)` returns the gradient of the scalar fn(x) with respect to x, computed by
   autograd, with x's shape and dtype. The tests pass functions of their own (with branches
   and loops). The caller's x does not require grad: differentiate a copy that does
   (`x.detach().requires_grad_()`) and leave x as it was, so that calling twice with the
   same x gives the same answer twice.
目标：autograd 记录的是实际执行过的运算，所以可以放心使用 Python 的 `if` 和 `while`：
每次调用都会重新构建一张计算图（动态计算图）。
1. `grow(x)` 不断把 x 翻倍，直到范数达到 1000，然后返回一个标量：
   y = 2x；当 ‖y‖ < 1000 时 y = 2y；s = y.sum()；s > 0 时返回 √s，否则返回 100·s。
   分支要用真正的 `if` 来写：`torch.where` 会把两边都算一遍，s < 0 时没用到的 √s 是 NaN，
   梯度也会跟着变成 NaN。
2. `grad_at(fn, x)` 用 autograd 求标量 fn(x) 对 x 的梯度，返回的张量形状和 dtype 与 x 相同。
   测试会传入自己的函数（带分支和循环）。调用者传入的 x 不需要梯度：请对一个需要梯度的
   副本求导（`x.detach().requires_grad_()`），不要改动 x 本身，这样用同一个 x 调用两次，
   两次结果相同。

Example:
    >>> x = torch.tensor([0.5, 0.25])
    >>> grow(x)  # ten doublings after 2x: y = [1024, 512], s = 1536
    tensor(39.1918)
    >>> grad_at(grow, x)  # 2048 / (2√1536)
    tensor([26.1279, 26.1279])
"""

from collections.abc import Callable

import torch


def grow(x: torch.Tensor) -> torch.Tensor:
    # x: any shape, not all zero -> a 0-dim tensor
    # TODO: y = 2x; a while loop doubling y; an if on the sign of y.sum() (roughly 7 lines).
    # BEGIN SOLUTION
    y = x * 2
    while y.norm() < 1000:  # how many times this runs depends on x
        y = y * 2
    s = y.sum()
    if s > 0:  # only the branch that runs is recorded, so √s is never taken of a negative s
        return s.sqrt()
    return 100 * s
    # END SOLUTION


def grad_at(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    # fn: a scalar function of x; x: any shape, does not require grad -> d fn / dx, x's shape
    # TODO: a copy of x that requires grad, fn on it, backward, its .grad (roughly 3 lines).
    # BEGIN SOLUTION
    t = x.detach().requires_grad_()  # a new leaf: the caller's x is left as it was
    fn(t).backward()
    return t.grad
    # END SOLUTION
