"""ch03 · ex07 — one gradient-descent step by hand.

Goal: `sgd_step(w, x, y, lr)` computes the loss, calls backward, then updates w **in
place** inside `torch.no_grad()` (w -= lr * w.grad) and clears w.grad. It returns the
loss before the step, as a Python float.
目标：`sgd_step(w, x, y, lr)` 计算损失并调用 backward，然后在 `torch.no_grad()` 中
**原地**更新 w（w -= lr * w.grad），再清空 w.grad。返回更新前的损失（Python 浮点数）。

Afterwards w must be the same tensor object, still a leaf that requires grad, so the
next step can use it. Writing `w = w - lr * w.grad` makes a new tensor and leaves the
caller's w unchanged; updating in place outside no_grad raises an error.
之后 w 必须还是同一个张量对象、仍是需要梯度的叶子张量，下一步才能继续用它。
写成 `w = w - lr * w.grad` 会创建新张量，调用者的 w 不变；在 no_grad 之外原地更新会报错。

Example:
    >>> w = torch.zeros(2, requires_grad=True)
    >>> sgd_step(w, torch.tensor([[1.0, 2.0]]), torch.tensor([3.0]), lr=0.1)
    9.0
    >>> w
    tensor([0.6000, 1.2000], requires_grad=True)
"""

import torch


def loss_fn(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the linear model x @ w (given; do not change · 已给出，请勿修改)."""
    return ((x @ w - y) ** 2).mean()


def sgd_step(
    w: torch.Tensor,  # (D,) leaf that requires grad; updated in place
    x: torch.Tensor,  # (N, D)
    y: torch.Tensor,  # (N,)
    lr: float,
) -> float:  # the loss before the step
    # TODO: loss, backward, update w in place under no_grad, zero w.grad (roughly 6 lines).
    raise NotImplementedError
