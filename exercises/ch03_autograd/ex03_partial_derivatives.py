"""ch03 · ex03 — partial derivatives.

Goal: return (∂g/∂x, ∂g/∂y) for g(x, y) = x² + y² at the point (x, y), computed by
autograd with one backward pass.
目标：用 autograd（一次反向传播）求 g(x, y) = x² + y² 在点 (x, y) 处的偏导数
(∂g/∂x, ∂g/∂y)。

Both inputs are leaves that require grad; after `backward()` each one holds its own
partial derivative in `.grad`. Build g by calling `g(x, y)`: the tests swap it.
两个输入都是需要梯度的叶子张量；`backward()` 之后，各自的 `.grad` 里就是对应的偏导数。
请调用 `g(x, y)` 构建计算图：测试会替换它。

Example:
    >>> partials(2.0, 3.0)
    (4.0, 6.0)
"""

import torch


def g(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """x² + y² (given; do not change · 已给出，请勿修改)."""
    return x**2 + y**2


def partials(x: float, y: float) -> tuple[float, float]:
    # TODO: two leaves that require grad, g(...).backward(), read both .grad (roughly 4 lines).
    raise NotImplementedError
