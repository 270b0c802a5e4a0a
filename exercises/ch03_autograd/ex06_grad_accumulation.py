"""ch03 · ex06 — gradients accumulate: grad.zero_().

Goal: `backward()` *adds* into `w.grad`; it never overwrites it.
1. `per_batch_grads(w, batches)` returns one gradient of `loss_fn` per batch: clear
   `w.grad` before each backward, and store a copy (`.clone()`), because the next
   backward and zero_() change `w.grad` in place.
2. `accumulated_grad(w, batches)` clears `w.grad` once, calls backward once per batch
   without clearing in between, and returns the total (the sum of the per-batch gradients).
`w` may arrive with an old gradient in `w.grad`: it must not leak into your answers.
目标：`backward()` 会把梯度*累加*到 `w.grad` 上，而不是覆盖它。
1. `per_batch_grads(w, batches)` 为每个批次返回 `loss_fn` 的梯度：每次 backward 之前
   清空 `w.grad`，并保存一份拷贝（`.clone()`），因为之后的 backward 和 zero_() 会原地修改
   `w.grad`。
2. `accumulated_grad(w, batches)` 只在开始时清空一次 `w.grad`，对每个批次调用一次
   backward，中间不清空，返回总梯度（各批次梯度之和）。
传入的 `w` 的 `w.grad` 里可能已有旧梯度，不能让它混进结果。

Example:
    >>> w = torch.zeros(2, requires_grad=True)
    >>> b1 = (torch.tensor([[1.0, 0.0]]), torch.tensor([1.0]))
    >>> b2 = (torch.tensor([[0.0, 1.0]]), torch.tensor([2.0]))
    >>> per_batch_grads(w, [b1, b2])
    [tensor([-2.,  0.]), tensor([ 0., -4.])]
    >>> accumulated_grad(w, [b1, b2])
    tensor([-2., -4.])
"""

import torch


def loss_fn(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the linear model x @ w (given; do not change · 已给出，请勿修改)."""
    return ((x @ w - y) ** 2).mean()


def per_batch_grads(
    w: torch.Tensor,  # (D,) leaf that requires grad
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # each (x (N, D), y (N,))
) -> list[torch.Tensor]:  # one (D,) gradient per batch
    # TODO: for each batch: clear w.grad, backward the loss, keep a clone (roughly 6 lines).
    raise NotImplementedError


def accumulated_grad(
    w: torch.Tensor,  # (D,) leaf that requires grad
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # each (x (N, D), y (N,))
) -> torch.Tensor:  # (D,) the sum of the per-batch gradients
    # TODO: clear w.grad once, then backward once per batch (roughly 5 lines).
    raise NotImplementedError
