"""ch05 · ex08 — AdamW with weight decay."""

import torch
from torch import nn


def make_adamw(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    decay = []
    no_decay = []
    for p in model.parameters():
        if len(p.shape) >= 2:
            decay.append(p)
        else:
            no_decay.append(p)
    return torch.optim.AdamW([
        {"params": no_decay, "lr": lr, "weight_decay": 0.0},
        {"params": decay, "lr": lr, "weight_decay": weight_decay},
    ])
