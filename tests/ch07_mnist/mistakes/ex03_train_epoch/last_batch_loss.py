"""ch07 · ex03 — one training epoch."""

from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(
    model: nn.Module, loader: DataLoader, optimizer, loss_fn  # noqa: ANN001
) -> float:
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
    return loss.item()
