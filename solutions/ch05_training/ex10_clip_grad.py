"""ch05 · ex10 — gradient clipping.

Goal: do one training step of `model` on (x, y) in which the gradients are clipped so that
their total norm (all parameters together) is at most `max_norm` before the optimizer uses
them. Return the total norm the gradients had before clipping, as a Python float. As in
every training step, the step uses this batch's gradients only: clear whatever gradients
the model came in with first.
目标：在 (x, y) 上对 `model` 做一个训练步，在优化器使用梯度之前把梯度裁剪到总范数（所有参数
合在一起）不超过 `max_norm`。以 Python 浮点数返回裁剪之前的梯度总范数。和每个训练步一样，
这一步只能使用这个批次的梯度：先清空模型传进来时可能带着的梯度。

Clipping keeps one bad batch from throwing the parameters far away. Gradients already
below `max_norm` are left as they are. The norm before clipping is worth logging: it
tells you how often clipping kicks in.
裁剪能防止一个糟糕的批次把参数甩得很远。总范数本来就不超过 `max_norm` 的梯度保持不变。裁剪前
的范数值得记录下来：从中可以看出裁剪触发得有多频繁。

Example:
    >>> model = nn.Linear(3, 1)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> x, y = torch.randn(8, 3), 100 * torch.randn(8, 1)
    >>> clipped_step(model, optimizer, nn.MSELoss(), x, y, max_norm=1.0) > 1.0
    True
"""

import torch
from torch import nn


def clipped_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    x: torch.Tensor,  # (B, in_features)
    y: torch.Tensor,  # targets, in the form `criterion` expects
    max_norm: float,
) -> float:
    # TODO: a training step with clip_grad_norm_ between backward and step; return the norm
    # before clipping as a float (roughly 6 lines).
    # BEGIN SOLUTION
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    # Rescales every .grad in place; returns the total norm they had before.
    total_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return total_norm.item()
    # END SOLUTION
