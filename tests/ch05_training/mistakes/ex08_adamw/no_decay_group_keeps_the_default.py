"""ch05 · ex08 — AdamW with weight decay."""

import torch
from torch import nn


def make_adamw(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay},
    ]
    return torch.optim.AdamW(groups, lr=lr)
