"""ch05 · ex09 — a learning-rate schedule.

Goal: train `model` for `epochs` epochs over `batches` with `optimizer` and a StepLR
scheduler (step_size, gamma). Step the scheduler once per epoch, after that epoch's
optimizer steps. Return the learning rate used during each epoch, as a list of floats.
目标：用 `optimizer` 和 StepLR 调度器（step_size, gamma）在 `batches` 上训练 `model`
`epochs` 轮。每轮调用一次 scheduler.step()，放在这一轮的优化器步之后。以浮点数列表返回每一轮
使用的学习率。

StepLR multiplies the learning rate by `gamma` every `step_size` epochs. Stepping it once per
batch, or before the epoch's training, shifts the whole schedule.
StepLR 每隔 `step_size` 轮把学习率乘以 `gamma`。如果每个批次都调用一次 scheduler.step()，
或者在这一轮训练之前调用，整个调度都会错位。

Example:
    >>> model = nn.Linear(3, 1)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> batches = [(torch.randn(4, 3), torch.randn(4, 1))] * 2
    >>> train_with_schedule(model, optimizer, nn.MSELoss(), batches, epochs=5, step_size=2, gamma=0.5)
    [0.1, 0.1, 0.05, 0.05, 0.025]
"""

import torch
from torch import nn


def train_with_schedule(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # [(x (B, in), y), ...]
    epochs: int,
    step_size: int,
    gamma: float,
) -> list[float]:
    # TODO: make a StepLR, then per epoch: record the lr, train on every batch, step the
    # scheduler (roughly 10 lines).
    raise NotImplementedError
