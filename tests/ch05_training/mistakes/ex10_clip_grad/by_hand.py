"""ch05 · ex10 — gradient clipping."""

import torch
from torch import nn


def clipped_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    max_norm: float,
) -> float:
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    if total_norm > max_norm:
        with torch.no_grad():
            for g in grads:
                g.mul_(max_norm / total_norm)
    optimizer.step()
    return float(total_norm)
