"""ch07 · ex04 — evaluation."""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax() == labels).sum().item()
            total += len(labels)
    return correct / total
