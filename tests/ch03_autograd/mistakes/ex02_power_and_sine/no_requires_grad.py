"""ch03 · ex02 — derivatives of x³ and sin x."""

import torch


def cube(x: torch.Tensor) -> torch.Tensor:
    """x³ (given; do not change)."""
    return x**3


def sine(x: torch.Tensor) -> torch.Tensor:
    """sin x (given; do not change)."""
    return torch.sin(x)


def cube_slope(x: float) -> float:
    t = torch.tensor(x)
    cube(t).backward()
    return t.grad.item()


def sine_slope(x: float) -> float:
    t = torch.tensor(x)
    sine(t).backward()
    return t.grad.item()
