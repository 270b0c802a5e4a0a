"""ch05 · ex01 — the right loss for the job.

Goal: compute the loss of a classifier and of a regressor with PyTorch's built-in losses.
目标：用 PyTorch 自带的损失函数，分别计算分类模型和回归模型的损失。

`classification_loss(logits, labels)`: cross-entropy. `logits` are the raw scores a model
outputs, with no softmax applied; `labels` are class indices such as 2, not one-hot
vectors. nn.CrossEntropyLoss applies log-softmax itself.
`classification_loss(logits, labels)`：交叉熵。`logits` 是模型输出的原始分数（没有做
softmax）；`labels` 是类别索引（例如 2），不是 one-hot 向量。nn.CrossEntropyLoss 内部自带
log-softmax。

`regression_loss(pred, target)`: mean squared error. `pred` comes from nn.Linear(..., 1)
and has shape (B, 1); `target` has shape (B,). Make the shapes equal first: (B, 1) against
(B,) broadcasts to (B, B) and silently compares every prediction with every target.
`regression_loss(pred, target)`：均方误差。`pred` 来自 nn.Linear(..., 1)，形状是 (B, 1)；
`target` 的形状是 (B,)。先让形状一致：(B, 1) 和 (B,) 会广播成 (B, B)，悄悄地把每个预测和每个
目标都比较一遍。

Both return the loss as a scalar tensor that autograd can differentiate.
两个函数都返回可以反向传播的标量张量。

Example:
    >>> classification_loss(torch.tensor([[2.0, 0.0, -1.0]]), torch.tensor([0]))
    tensor(0.1698)
    >>> regression_loss(torch.tensor([[1.0], [3.0]]), torch.tensor([2.0, 3.0]))
    tensor(0.5000)
"""

import torch
from torch import nn  # noqa: F401 (for the code you write)


def classification_loss(
    logits: torch.Tensor,  # (B, C) raw scores
    labels: torch.Tensor,  # (B,) int64 class indices in [0, C)
) -> torch.Tensor:  # () scalar
    # TODO: return the cross-entropy of the logits against the labels (roughly 2 lines).
    # BEGIN SOLUTION
    criterion = nn.CrossEntropyLoss()  # takes raw logits: it applies log-softmax itself
    return criterion(logits, labels)
    # END SOLUTION


def regression_loss(
    pred: torch.Tensor,  # (B, 1) predictions
    target: torch.Tensor,  # (B,) true values
) -> torch.Tensor:  # () scalar
    # TODO: return the mean squared error, with pred and target of the same shape (roughly 2 lines).
    # BEGIN SOLUTION
    criterion = nn.MSELoss()
    return criterion(pred.squeeze(1), target)  # (B,) vs (B,): no (B, B) broadcast
    # END SOLUTION
