"""ch05 · ex07 — fix: an epoch loop whose memory keeps growing.

Goal: `train_epoch` trains `model` for one pass over the batches and returns the mean loss.
It returns a tensor instead of a number, and its memory grows with every batch. Fix it so
that the mean loss is a Python float and its memory stays flat however many batches there
are (nothing of an old batch is kept).
目标：`train_epoch` 在所有批次上训练 `model` 一遍，并返回平均损失。它返回的是张量而不是数字，
而且内存随批次不断增长。修复它：以 Python 浮点数返回平均损失，并且无论有多少个批次，内存都
保持平稳（不保留旧批次的任何东西）。

Example:
    >>> model = nn.Linear(4, 1)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(3)]
    >>> type(train_epoch(model, optimizer, nn.MSELoss(), batches))
    <class 'float'>
"""

import torch
from torch import nn


def train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # [(x (B, in), y), ...]
) -> float:
    # TODO: find the bug in this loop and fix it (roughly 1 line).
    total = 0.0
    for x, y in batches:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss
    return total / len(batches)
