"""ch09 · ex06 — updating a leaf tensor that requires grad."""

import torch


def fit_line(x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    # x: (N, D), y: (N,) -> w: (D,), b: () scalar
    w = torch.zeros(x.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w.grad.zero_()
            b.grad.zero_()
            w -= lr * w.grad
            b -= lr * b.grad
    return w, b
