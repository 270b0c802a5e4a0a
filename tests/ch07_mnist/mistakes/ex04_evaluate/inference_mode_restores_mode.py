"""ch07 · ex04 — evaluation."""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(model: nn.Module, loader: DataLoader) -> float:
    was_training = model.training
    model.eval()
    correct, seen = 0, 0
    with torch.inference_mode():
        for images, labels in loader:
            _, predicted = torch.max(model(images), 1)
            correct += int((predicted == labels).sum())
            seen += labels.numel()
    model.train(was_training)
    return correct / seen
