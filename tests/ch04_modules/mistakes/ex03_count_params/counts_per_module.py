"""ch04 · ex03 — freezing layers and counting trainable parameters."""

from torch import nn


def freeze(module: nn.Module) -> None:
    for p in module.parameters():
        p.requires_grad_(False)


def count_trainable(model: nn.Module) -> int:
    total = 0
    for layer in model.modules():  # the model itself, then every submodule
        for p in layer.parameters():
            if p.requires_grad:
                total += p.numel()
    return total
