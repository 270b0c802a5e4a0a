"""ch08 · ex02 — move a model and a batch to a device."""

import torch
from torch import nn


def move_batch(
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    inputs, targets = batch
    return inputs.to(device), targets.to(device)


def forward_on(
    model: nn.Module,
    batch: tuple[torch.Tensor, torch.Tensor],
    device: torch.device | str,
) -> torch.Tensor:
    model.to(device)
    inputs, _ = batch
    return model(inputs)
