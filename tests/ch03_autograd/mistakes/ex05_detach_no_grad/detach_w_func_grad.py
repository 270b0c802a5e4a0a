"""ch03 · ex05 — switching autograd off: torch.no_grad() and .detach()."""

import torch


def g(x: torch.Tensor) -> torch.Tensor:
    """y = x² (given; do not change)."""
    return x**2


def predict(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return x @ w.detach()  # a w cut off from the graph: nothing to record


def detached_slope(x: float) -> float:
    def z(t):
        return g(t).detach() * t

    return torch.func.grad(z)(torch.tensor(x, dtype=torch.float64)).item()
