"""ch05 · ex09 — a learning-rate schedule."""

import torch
from torch import nn


def train_with_schedule(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
    epochs: int,
    step_size: int,
    gamma: float,
) -> list[float]:
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)
    lrs = []
    for _ in range(epochs):
        lrs.append(optimizer.param_groups[0]["lr"])
        for x, y in batches:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            scheduler.step()
    return lrs
