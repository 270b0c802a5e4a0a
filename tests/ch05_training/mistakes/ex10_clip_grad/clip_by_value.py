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
    total_norm = torch.cat([p.grad.flatten() for p in model.parameters()]).norm()
    nn.utils.clip_grad_value_(model.parameters(), max_norm)
    optimizer.step()
    return total_norm.item()
