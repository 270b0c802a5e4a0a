"""ch03 · ex04 — the chain rule through an intermediate tensor."""

import torch


def inner(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """u = x + y (given; do not change)."""
    return x + y


def outer(u: torch.Tensor) -> torch.Tensor:
    """z = u² (given; do not change)."""
    return u**2


def chain_rule(x: float, y: float) -> tuple[float, float, float]:
    tx = torch.tensor([x], requires_grad=True)
    ty = torch.tensor([y], requires_grad=True)
    u = inner(tx, ty)
    seen = []
    u.register_hook(seen.append)  # called with dz/du during backward
    torch.autograd.backward(outer(u).sum())
    return float(tx.grad[0]), float(ty.grad[0]), float(seen[0][0])
