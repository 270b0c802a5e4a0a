"""ch08 · ex02 — move a model and a batch to a device."""

import torch
from torch import nn


def move_batch(
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    inputs, targets = batch
    inputs.to(device)
    targets.to(device)
    return inputs, targets


def forward_on(
    model: nn.Module,
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> torch.Tensor:
    model.to(device)
    inputs, _ = move_batch(batch, device)
    return model(inputs)
