"""ch03 · ex05 — switching autograd off: torch.no_grad() and .detach()."""

import torch


def g(x: torch.Tensor) -> torch.Tensor:
    """y = x² (given; do not change)."""
    return x**2


@torch.no_grad()
def predict(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return torch.matmul(x, w)


def detached_slope(x: float) -> float:
    t = torch.tensor(x, requires_grad=True)
    z = g(t).detach() * t
    (slope,) = torch.autograd.grad(z, t)
    return slope.item()
