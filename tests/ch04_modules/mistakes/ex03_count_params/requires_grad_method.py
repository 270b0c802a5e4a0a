"""ch04 · ex03 — freezing layers and counting trainable parameters."""

from torch import nn


def freeze(module: nn.Module) -> None:
    module.requires_grad_(False)  # nn.Module's own method: every parameter, submodules included


def count_trainable(model: nn.Module) -> int:
    total = 0
    for _, p in model.named_parameters():
        if p.requires_grad:
            total += p.numel()
    return total
