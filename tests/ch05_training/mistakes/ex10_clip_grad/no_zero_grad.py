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
    loss = criterion(model(x), y)
    loss.backward()
    total_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return total_norm.item()
