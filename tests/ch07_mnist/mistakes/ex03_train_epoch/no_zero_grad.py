"""ch07 · ex03 — one training epoch."""

from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(
    model: nn.Module, loader: DataLoader, optimizer, loss_fn  # noqa: ANN001
) -> float:
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)
