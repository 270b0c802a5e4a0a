"""ch03 · ex05 — switching autograd off: torch.no_grad() and .detach()."""

import torch


def g(x: torch.Tensor) -> torch.Tensor:
    """y = x² (given; do not change)."""
    return x**2


def predict(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return x @ w


def detached_slope(x: float) -> float:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = g(t)
    z = y * t
    z.backward()
    return t.grad.item()
