"""ch07 · ex04 — evaluation."""

import torch
from torch import nn
from torch.utils.data import DataLoader


@torch.no_grad()
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct = 0
    for images, labels in loader:
        predictions = model(images).argmax(1)
        correct += predictions.eq(labels).sum().item()
    return correct / len(loader.dataset)
