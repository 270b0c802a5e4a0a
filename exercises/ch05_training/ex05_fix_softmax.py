"""ch05 · ex05 — fix: a loss that never gets near zero.

Goal: this loop trains a classifier and returns the loss of each batch, but its loss never
gets close to zero, even on data that is easy to separate, and it learns slowly. Find the
bug and fix it, so that the loss is the true cross-entropy of the model's predictions.
目标：这个循环训练一个分类器并返回每个批次的损失，但即使数据很容易分开，损失也降不到接近
零，学得也很慢。找出 bug 并修复，让损失是模型预测真正的交叉熵。

Example:
    >>> model = nn.Linear(4, 3)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> batches = [(torch.randn(8, 4), torch.randint(0, 3, (8,))) for _ in range(2)]
    >>> len(train_classifier(model, optimizer, batches))
    2
"""

import torch
from torch import nn


def train_classifier(
    model: nn.Module,  # maps (B, in) to (B, C) logits
    optimizer: torch.optim.Optimizer,
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # [(x (B, in), labels (B,) int64), ...]
) -> list[float]:
    # TODO: find the bug in this loop and fix it (roughly 2 lines).
    criterion = nn.CrossEntropyLoss()
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        logits = model(x)  # (B, C)
        probs = torch.softmax(logits, dim=1)
        loss = criterion(probs, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
