"""ch03 · ex04 — the chain rule through an intermediate tensor."""

import torch


def inner(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """u = x + y (given; do not change)."""
    return x + y


def outer(u: torch.Tensor) -> torch.Tensor:
    """z = u² (given; do not change)."""
    return u**2


def chain_rule(x: float, y: float) -> tuple[float, float, float]:
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    u = inner(tx, ty)
    # autograd.grad returns the gradient of any tensor in the graph, leaf or not
    dx, dy, du = torch.autograd.grad(outer(u), [tx, ty, u])
    return dx.item(), dy.item(), du.item()
