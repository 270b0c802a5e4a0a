"""ch03 · ex05 — switching autograd off: torch.no_grad() and .detach().

Goal:
1. `predict(w, x)` returns x @ w computed inside `torch.no_grad()`: no graph is built, so
   the result does not require grad even though w does.
2. `detached_slope(x)` builds y = g(x), then z = y.detach() * x, and returns dz/dx by
   autograd. The detached copy of y is a constant, so dz/dx = y (for g(x) = x², that is
   x², not 3x²).
目标：
1. `predict(w, x)` 在 `torch.no_grad()` 中计算 x @ w：不构建计算图，所以即使 w 需要梯度，
   结果也不需要梯度。
2. `detached_slope(x)` 先算 y = g(x)，再算 z = y.detach() * x，用 autograd 返回 dz/dx。
   y 被 detach 后是常数，所以 dz/dx = y（当 g(x) = x² 时是 x²，不是 3x²）。

Call the given `g`: the tests swap it. 请调用给定的 `g`：测试会替换它。

Example:
    >>> w = torch.ones(3, 2, requires_grad=True)
    >>> predict(w, torch.ones(4, 3)).requires_grad
    False
    >>> detached_slope(2.0)
    4.0
"""

import torch


def g(x: torch.Tensor) -> torch.Tensor:
    """y = x² (given; do not change · 已给出，请勿修改)."""
    return x**2


def predict(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # w: (D, K) requires grad, x: (N, D) -> (N, K) that does not require grad
    # TODO: compute x @ w inside a torch.no_grad() block (roughly 2 lines).
    raise NotImplementedError


def detached_slope(x: float) -> float:
    # TODO: t requires grad; y = g(t); z = y.detach() * t; backward; read t.grad (roughly 5 lines).
    raise NotImplementedError
