"""ch09 · ex06 — a loss that turns into NaN.

Goal: `train` fits a linear classifier, but on inputs with large values the loss printed by
the hand-written `cross_entropy` becomes `nan` (or `inf`) after a few steps, and the weights
with it. `exp` of a logit above about 88 overflows float32 to `inf`, `inf / inf` is `nan`, and
a probability that rounds to 0 gives `log(0) = -inf`. Fix `cross_entropy` so that it returns
the mean cross-entropy of raw logits and integer class targets, finite for any finite logits,
with the same value and gradient as `torch.nn.functional.cross_entropy`.
目标：`train` 训练一个线性分类器，但输入的数值一大，手写的 `cross_entropy` 算出的损失几步之后
就变成 `nan`（或 `inf`），权重也跟着变成 `nan`。float32 中超过 88 左右的 logit 取 `exp` 会溢出成
`inf`，`inf / inf` 就是 `nan`；而一个被舍入成 0 的概率又会得到 `log(0) = -inf`。修好
`cross_entropy`：对原始 logits 和整数类别标签返回平均交叉熵，只要 logits 有限，结果就必须有限，
数值和梯度都要与 `torch.nn.functional.cross_entropy` 一致。

Example:
    >>> logits = torch.tensor([[1000.0, 0.0, -1000.0], [0.0, 2.0, 1.0]])
    >>> cross_entropy(logits, torch.tensor([1, 1]))
    tensor(500.2038)
"""

import torch
import torch.nn.functional as F
from torch import nn


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    # logits: (N, C) raw scores, targets: (N,) class indices -> a scalar: the mean loss
    # TODO: give the same loss, finite even for large logits (roughly 1 line).
    probs = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
    return -torch.log(probs[torch.arange(len(targets)), targets]).mean()


def train(model: nn.Module, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> list[float]:
    """Given: `steps` steps of SGD on the full batch; returns the loss of every step."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
