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
    writer.add_scalar("loss/train", train_loss.item(), global_step=epoch)
    writer.add_scalar("loss/val", val_loss.item(), global_step=epoch)
    writer.add_scalar("acc/val", val_acc.item(), global_step=epoch)
    writer.add_scalar("lr", optimizer.param_groups[0]["lr"], global_step=epoch)
    writer.flush()
