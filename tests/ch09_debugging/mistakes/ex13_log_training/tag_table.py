"""ch09 · ex13 — logging a training run."""

from typing import Any

import torch


def log_epoch(
    writer: Any,
    epoch: int,
    train_loss: torch.Tensor,
    val_loss: torch.Tensor,
    val_acc: torch.Tensor,
    optimizer: torch.optim.Optimizer,
) -> None:
    scalars = {
        "loss/train": float(train_loss.detach()),
        "loss/val": float(val_loss),
        "accuracy/val": float(val_acc),
        "lr": float(optimizer.param_groups[0]["lr"]),
    }
    for tag, value in scalars.items():
        writer.add_scalar(tag, value, epoch)
    writer.flush()
