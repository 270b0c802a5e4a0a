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
    current_lr = [group["lr"] for group in optimizer.param_groups][0]
    writer.add_scalar(tag="lr", scalar_value=current_lr, global_step=epoch)
    writer.add_scalar(tag="accuracy/val", scalar_value=val_acc.item(), global_step=epoch)
    writer.flush()
    writer.add_scalar(tag="loss/val", scalar_value=val_loss.item(), global_step=epoch)
    writer.add_scalar(tag="loss/train", scalar_value=train_loss.detach().cpu().item(), global_step=epoch)
    writer.flush()
