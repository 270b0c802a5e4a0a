"""ch08 · ex02 — move a model and a batch to a device."""

import torch
from torch import nn


def move_batch(
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    return tuple(t.to(device) for t in batch)


def forward_on(
    model: nn.Module,
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> torch.Tensor:
    model = model.to(device)
    x = batch[0].to(device)
    return model(x)
