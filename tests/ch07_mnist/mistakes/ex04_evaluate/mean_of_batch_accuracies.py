"""ch07 · ex04 — evaluation."""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    accuracies = []
    with torch.no_grad():
        for images, labels in loader:
            predictions = model(images).argmax(dim=1)
            accuracies.append((predictions == labels).float().mean().item())
    return sum(accuracies) / len(accuracies)
