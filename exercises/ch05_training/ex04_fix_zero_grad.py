"""ch05 · ex04 — fix: a loop that gets worse the longer it runs.

Goal: this loop trains `model` on a list of batches and returns the loss of each batch.
It starts well, but the longer it runs, the bigger and wilder its steps get and the worse
its loss. Find the bug and fix it, so that every step behaves as if its batch were the
first one.
目标：这个循环在一组批次上训练 `model` 并返回每个批次的损失。它开头还好，但跑得越久，每一步
迈得越大、越乱，损失也越来越差。找出 bug 并修复，让每一步都像处理第一个批次时那样正常。

Example:
    >>> model = nn.Linear(4, 2)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> batches = [(torch.randn(8, 4), torch.randn(8, 2)) for _ in range(3)]
    >>> len(train(model, optimizer, nn.MSELoss(), batches))
    3
"""

import torch
from torch import nn


def train(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # [(x (B, in), y), ...]
) -> list[float]:
    # TODO: find the bug in this loop and fix it (roughly 1 line).
    losses = []
    for x, y in batches:
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
