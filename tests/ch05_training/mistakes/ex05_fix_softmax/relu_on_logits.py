"""ch05 · ex05 — fix: softmax before the loss."""

import torch
from torch import nn


def train_classifier(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
) -> list[float]:
    criterion = nn.CrossEntropyLoss()
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        logits = model(x)  # (B, C)
        scores = torch.relu(logits)
        loss = criterion(scores, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
