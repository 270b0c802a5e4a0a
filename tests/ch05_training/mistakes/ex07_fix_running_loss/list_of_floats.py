"""ch05 · ex07 — fix: a running loss holding graphs."""

import torch
from torch import nn


def train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
) -> float:
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return sum(losses) / len(losses)
