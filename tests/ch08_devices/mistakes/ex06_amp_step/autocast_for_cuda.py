"""ch08 · ex06 — a mixed-precision training step."""

import torch
import torch.nn.functional as F  # noqa: F401 (for the code you write)
from torch import nn


def amp_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scaler: torch.amp.GradScaler,
    x: torch.Tensor,
    y: torch.Tensor,
    amp_dtype: torch.dtype,
) -> float:
    optimizer.zero_grad()
    with torch.autocast(device_type="cuda", dtype=amp_dtype):
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
