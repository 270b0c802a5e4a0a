"""ch04 · ex03 — freezing layers and counting trainable parameters."""

from torch import nn


def freeze(module: nn.Module) -> None:
    for p in module.parameters():
        p.requires_grad_(False)


def count_trainable(model: nn.Module) -> int:
    state = model.state_dict(keep_vars=True)  # keeps requires_grad
    return sum(v.numel() for v in state.values() if v.requires_grad)
