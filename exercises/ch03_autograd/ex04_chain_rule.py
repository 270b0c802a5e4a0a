"""ch03 · ex04 — the chain rule through an intermediate tensor.

Goal: with u = inner(x, y) = x + y and z = outer(u) = u², return
(dz/dx, dz/dy, dz/du), all computed by autograd.
目标：设 u = inner(x, y) = x + y，z = outer(u) = u²，用 autograd 求
(dz/dx, dz/dy, dz/du)。

x and y are leaves, so backward() fills their .grad. u is not a leaf: autograd frees its
gradient unless you call `u.retain_grad()` before `backward()`. Use `inner` and `outer`
(the tests swap them).
x 和 y 是叶子张量，backward() 会把梯度写入它们的 .grad。u 不是叶子：除非在 `backward()`
之前调用 `u.retain_grad()`，否则它的梯度不会保留。请使用 `inner` 和 `outer`
（测试会替换它们）。

Example:
    >>> chain_rule(1.0, 2.0)  # u = 3, z = 9
    (6.0, 6.0, 6.0)
"""

import torch


def inner(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """u = x + y (given; do not change · 已给出，请勿修改)."""
    return x + y


def outer(u: torch.Tensor) -> torch.Tensor:
    """z = u² (given; do not change · 已给出，请勿修改)."""
    return u**2


def chain_rule(x: float, y: float) -> tuple[float, float, float]:
    # TODO: leaves x, y; u = inner(...); keep u's grad; z = outer(u); backward (roughly 7 lines).
    raise NotImplementedError
