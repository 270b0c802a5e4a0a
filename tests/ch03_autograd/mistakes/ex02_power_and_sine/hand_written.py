"""ch03 · ex02 — derivatives of x³ and sin x."""

import torch


def cube(x: torch.Tensor) -> torch.Tensor:
    """x³ (given; do not change)."""
    return x**3


def sine(x: torch.Tensor) -> torch.Tensor:
    """sin x (given; do not change)."""
    return torch.sin(x)


def cube_slope(x: float) -> float:
    return 3 * x**2  # d(x³)/dx, worked out by hand


def sine_slope(x: float) -> float:
    return torch.cos(torch.tensor(x, dtype=torch.float64)).item()  # d(sin x)/dx = cos x
