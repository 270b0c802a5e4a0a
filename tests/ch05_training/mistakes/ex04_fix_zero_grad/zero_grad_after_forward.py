"""ch05 · ex04 — fix: gradients that pile up."""

import torch
from torch import nn


def train(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
) -> list[float]:
    losses = []
    for x, y in batches:
        loss = criterion(model(x), y)
        model.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
