"""ch09 · ex13 — logging a training run.

Goal: write `log_epoch`, which records one epoch of a training run in a TensorBoard
`SummaryWriter` (or anything with the same methods): four scalars, each with
`writer.add_scalar(tag, value, global_step=epoch)`, then `writer.flush()`, so that the
curves are on disk even if the run crashes later. Do not close the writer: the next epoch
logs into it too.
目标：实现 `log_epoch`，把训练中一个 epoch 的情况记录到 TensorBoard 的 `SummaryWriter`
（或任何有相同方法的对象）中：用 `writer.add_scalar(tag, value, global_step=epoch)` 写入四个标量，
然后调用 `writer.flush()`，这样即使训练之后崩溃，曲线也已经写到磁盘上了。不要关闭 writer：
下一个 epoch 还要往里写。

| tag | value |
|---|---|
| `"loss/train"` | `train_loss` |
| `"loss/val"` | `val_loss` |
| `"accuracy/val"` | `val_acc` |
| `"lr"` | the learning rate in use: `optimizer.param_groups[0]["lr"]` |

`train_loss`, `val_loss` and `val_acc` are 0-dim tensors (`train_loss` may still require
grad). Log every value as a Python float (`.item()` or `float(...)`), never as a tensor: a
logger that keeps tensors keeps their memory, and their autograd graphs, alive. Read the
learning rate from the optimizer, not from `optimizer.defaults` or a constant: a scheduler
changes `param_groups`, and the curve must show it.
`train_loss`、`val_loss` 和 `val_acc` 都是 0 维张量（`train_loss` 可能还 requires grad）。每个值
都要以 Python float 记录（`.item()` 或 `float(...)`），而不是张量：日志里留着张量，就会让它们的
内存和计算图一直无法释放。学习率要从优化器里读取，而不是用 `optimizer.defaults` 或常数：
学习率调度器修改的是 `param_groups`，曲线要反映出这种变化。

Example:
    >>> writer = SummaryWriter("runs/mnist")
    >>> for epoch in range(epochs):
    ...     ...                                   # train, then validate
    ...     log_epoch(writer, epoch, train_loss, val_loss, val_acc, optimizer)
    >>> # writer.add_scalar("loss/train", 0.4132, global_step=3), ..., writer.flush()
"""

from typing import Any

import torch


def log_epoch(
    writer: Any,  # a torch.utils.tensorboard.SummaryWriter, or an object with the same methods
    epoch: int,
    train_loss: torch.Tensor,  # 0-dim
    val_loss: torch.Tensor,  # 0-dim
    val_acc: torch.Tensor,  # 0-dim
    optimizer: torch.optim.Optimizer,
) -> None:
    # TODO: four writer.add_scalar(tag, float value, global_step=epoch) calls, then writer.flush() (roughly 5 lines).
    # BEGIN SOLUTION
    writer.add_scalar("loss/train", train_loss.item(), global_step=epoch)  # .item(): a float, no graph kept
    writer.add_scalar("loss/val", val_loss.item(), global_step=epoch)
    writer.add_scalar("accuracy/val", val_acc.item(), global_step=epoch)
    writer.add_scalar("lr", optimizer.param_groups[0]["lr"], global_step=epoch)  # what a scheduler changes
    writer.flush()
    # END SOLUTION
