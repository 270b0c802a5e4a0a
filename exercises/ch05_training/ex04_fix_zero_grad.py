"""ch05 · ex04 — fix: gradients that pile up.

Goal: this loop trains `model` on a list of batches and returns the loss of each batch,
but the longer it runs, the worse it gets. Find the bug and fix it: each
optimizer.step() must use the gradient of its own batch only.
目标：这个循环在一组批次上训练 `model` 并返回每个批次的损失，但它跑得越久越糟。找出 bug
并修复：每次 optimizer.step() 只能使用当前批次的梯度。

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
