"""ch05 · ex05 — fix: softmax before the loss."""

import torch
from torch import nn


def train_classifier(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
) -> list[float]:
    criterion = nn.NLLLoss()
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        logits = model(x)  # (B, C)
        log_probs = torch.log_softmax(logits, dim=1)
        loss = criterion(log_probs, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
