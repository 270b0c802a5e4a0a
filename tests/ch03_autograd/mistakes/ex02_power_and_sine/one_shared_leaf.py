"""ch03 · ex02 — derivatives of x³ and sin x."""

import torch


def cube(x: torch.Tensor) -> torch.Tensor:
    """x³ (given; do not change)."""
    return x**3


def sine(x: torch.Tensor) -> torch.Tensor:
    """sin x (given; do not change)."""
    return torch.sin(x)


t = torch.zeros((), dtype=torch.float64, requires_grad=True)  # one leaf for every call


def cube_slope(x: float) -> float:
    with torch.no_grad():
        t.fill_(x)
    cube(t).backward()
    return t.grad.item()


def sine_slope(x: float) -> float:
    with torch.no_grad():
        t.fill_(x)
    sine(t).backward()
    return t.grad.item()
