"""ch05 · ex11 — SGD with momentum, by hand.

Goal: write `MomentumSGD(params, lr, momentum)`, an optimizer that updates the parameters
exactly as `torch.optim.SGD(params, lr=lr, momentum=momentum)` does. Each call to `step()`
reads every parameter's gradient from `p.grad` and, for each parameter p:
- on its first step, starts its velocity buffer as a copy of the gradient: buf = g;
- on later steps, updates it: buf = momentum * buf + g;
- then moves p in place: p -= lr * buf.
The buffers live in the object from one step to the next. `params` may be a generator such
as `model.parameters()`. `self.lr` is read at every step: the caller may change it between
steps (as a learning-rate scheduler does), so lr must not be folded into the buffer.
Parameters whose `.grad` is None (frozen or unused) are skipped. `step()` must leave every
`.grad` as it found it and autograd switched on, so training can go on.
目标：编写优化器 `MomentumSGD(params, lr, momentum)`，让它更新参数的方式与
`torch.optim.SGD(params, lr=lr, momentum=momentum)` 完全一致。每次调用 `step()` 时，从 `p.grad`
读取每个参数的梯度，并对每个参数 p：
- 第一步时，用梯度的副本初始化它的速度缓冲：buf = g；
- 之后每一步，更新缓冲：buf = momentum * buf + g；
- 然后原地更新 p：p -= lr * buf。
缓冲保存在对象里，一步接一步地沿用。`params` 可能是 `model.parameters()` 这样的生成器。
每一步都要重新读取 `self.lr`：调用者可能在两步之间修改它（学习率调度器就是这么做的），所以
不能把学习率乘进缓冲里。`.grad` 为 None 的参数（被冻结或没有用到）直接跳过。`step()` 不能改动
任何 `.grad`，结束后自动求导必须仍然开启，这样训练才能继续。

Momentum remembers the direction of the last steps: gradients that keep pointing the same
way add up and speed the descent; gradients that flip sign cancel out.
动量会记住最近几步的方向：方向一致的梯度不断叠加，下降得更快；来回变号的梯度互相抵消。

Example:
    >>> w = torch.nn.Parameter(torch.tensor([1.0]))
    >>> optimizer = MomentumSGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     w.grad = torch.tensor([1.0])
    ...     optimizer.step()
    >>> w  # 1 - 0.1 * 1, then - 0.1 * (0.9 * 1 + 1)
    Parameter containing:
    tensor([0.7100], requires_grad=True)
"""

from collections.abc import Iterable

import torch


class MomentumSGD:
    def __init__(self, params: Iterable[torch.Tensor], lr: float, momentum: float) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.buffers = [None] * len(self.params)

    def step(self) -> None:
        torch.set_grad_enabled(False)
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            if self.buffers[i] is None:
                self.buffers[i] = p.grad.clone()
            else:
                self.buffers[i].mul_(self.momentum).add_(p.grad)
            p -= self.lr * self.buffers[i]
