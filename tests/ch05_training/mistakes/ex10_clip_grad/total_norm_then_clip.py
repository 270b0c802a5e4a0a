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
    model.zero_grad()
    criterion(model(x), y).backward()
    params = [p for p in model.parameters() if p.grad is not None]
    norm = nn.utils.get_total_norm([p.grad for p in params])
    nn.utils.clip_grads_with_norm_(params, max_norm, norm)
    optimizer.step()
    return norm.item()
