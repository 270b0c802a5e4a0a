"""ch07 · ex03 — one training epoch.

Goal: train `model` for one pass over `loader` and return the mean of the batch losses
(`loss.item()` of each batch, averaged over the batches). For each batch: clear the old
gradients, forward, loss, backward, step. Put the model in training mode first: the
caller may have left it in eval mode.
目标：在 `loader` 上把 `model` 训练一遍（一个 epoch），返回各批次损失的平均值（每批的
`loss.item()` 按批次求平均）。每一批：清空旧梯度、前向、计算损失、反向传播、更新参数。
开始前先切换到训练模式：调用者可能让模型停在了 eval 模式。

Example:
    >>> mean_loss = train_one_epoch(model, loader, optimizer, nn.CrossEntropyLoss())
    >>> isinstance(mean_loss, float)
    True
"""

from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(
    model: nn.Module, loader: DataLoader, optimizer, loss_fn  # noqa: ANN001
) -> float:
    # TODO: model.train(); loop over (images, labels): zero_grad, forward, loss, backward,
    # step; collect loss.item() (roughly 9 lines).
    # BEGIN SOLUTION
    model.train()  # dropout and batch norm behave as in training
    total = 0.0
    for images, labels in loader:
        optimizer.zero_grad()  # otherwise gradients add up across batches
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()  # a float: keeps no graph alive
    return total / len(loader)
    # END SOLUTION
