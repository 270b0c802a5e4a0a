"""ch03 · ex06 — gradients accumulate: grad.zero_()."""

import torch


def loss_fn(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the linear model x @ w (given; do not change)."""
    return ((x @ w - y) ** 2).mean()


def per_batch_grads(w, batches):
    grads = []
    for x, y in batches:
        w.grad = None  # forget the old gradient
        loss_fn(w, x, y).backward()
        grads.append(w.grad.clone())
    return grads


def accumulated_grad(w, batches):
    w.grad = None
    for x, y in batches:
        loss_fn(w, x, y).backward()
    return w.grad.detach().clone()
