"""ch04 · ex03 — freezing layers and counting trainable parameters."""

from torch import nn

import math


def freeze(module: nn.Module) -> None:
    for name, p in module.named_parameters():
        p.requires_grad = False


def count_trainable(model: nn.Module) -> int:
    trainable = filter(lambda p: p.requires_grad, model.parameters())
    return sum(math.prod(p.shape) for p in trainable)
