"""ch05 · ex02 — one training step.

Goal: do one optimisation step of `model` on the batch (x, y) and return the loss.
目标：在批次 (x, y) 上对 `model` 做一次优化，并返回损失。

The five moves of every training step, in this order: clear the old gradients, run the
model, compute the loss, backpropagate, let the optimizer update the parameters. Return the
loss of this batch (computed before the update) as a Python float.
每个训练步的五个动作，按顺序：清空旧梯度、前向计算、算损失、反向传播、让优化器更新参数。
以 Python 浮点数返回这个批次的损失（更新参数之前算出的那个）。

Example:
    >>> model = nn.Linear(3, 1)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> x, y = torch.randn(8, 3), torch.randn(8, 1)
    >>> loss = train_step(model, optimizer, nn.MSELoss(), x, y)
    >>> type(loss)
    <class 'float'>
"""

import torch
from torch import nn


def train_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    x: torch.Tensor,  # (B, in_features)
    y: torch.Tensor,  # targets, in the form `criterion` expects
) -> float:
    # TODO: zero_grad, forward, loss, backward, step; return the loss as a float (roughly 5 lines).
    raise NotImplementedError
