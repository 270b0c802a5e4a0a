"""ch03 · ex02 — derivatives of x³ and sin x."""

import torch


def cube(x: torch.Tensor) -> torch.Tensor:
    """x³ (given; do not change)."""
    return x**3


def sine(x: torch.Tensor) -> torch.Tensor:
    """sin x (given; do not change)."""
    return torch.sin(x)


def cube_slope(x: float) -> float:
    # torch.func.grad(f) is a new function that returns df/dx
    return torch.func.grad(lambda t: cube(t))(torch.tensor(x, dtype=torch.float64)).item()


def sine_slope(x: float) -> float:
    return float(torch.func.grad(lambda t: sine(t))(torch.tensor(x, dtype=torch.float64)))
