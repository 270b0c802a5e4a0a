"""ch05 · ex08 — AdamW with weight decay."""

import torch
from torch import nn


def make_adamw(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    decay, no_decay = [], []
    for _, param in model.named_parameters():
        (decay if param.dim() > 1 else no_decay).append(param)
    return torch.optim.AdamW(
        [{"params": decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=lr,
        weight_decay=weight_decay,
    )
