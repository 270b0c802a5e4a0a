"""ch07 · ex03 — one training epoch."""

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer, loss_fn) -> float:
    model.train(True)
    batch_losses = []
    for x, y in loader:
        model.zero_grad(set_to_none=True)
        logits = model(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        batch_losses.append(loss.detach().item())
    return float(np.mean(batch_losses))
