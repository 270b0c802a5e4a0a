"""ch04 · ex03 — freezing layers and counting trainable parameters."""

from torch import nn


def freeze(module: nn.Module) -> None:
    for p in module.parameters():
        p.requires_grad_(False)


def count_trainable(model: nn.Module) -> int:
    return len([p for p in model.parameters() if p.requires_grad])
