"""ch05 · ex08 — AdamW with weight decay.

Goal: return a torch.optim.AdamW optimizer for `model` with learning rate `lr` that
applies weight decay `weight_decay` only to the weights with 2 or more dimensions (weight
matrices, convolution kernels) and no weight decay (0.0) to biases and normalisation
parameters (1 dimension). Every parameter of the model must be in exactly one group.
目标：为 `model` 返回一个学习率为 `lr` 的 torch.optim.AdamW 优化器：只对 2 维及以上的权重
（权重矩阵、卷积核）施加权重衰减 `weight_decay`，对偏置和归一化层参数（1 维）不做权重衰减
（0.0）。模型的每个参数必须恰好属于一个参数组。

Weight decay pulls weights towards zero to fight overfitting; shrinking a bias or a
LayerNorm scale does not help and can hurt. AdamW (unlike Adam's weight_decay) shrinks the
weights directly instead of adding the decay to the gradient.
权重衰减把权重拉向零以对抗过拟合；缩小偏置或 LayerNorm 的缩放系数没有帮助，甚至有害。
AdamW（不同于 Adam 的 weight_decay）直接缩小权重，而不是把衰减加到梯度上。

Example:
    >>> model = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.Linear(8, 2))
    >>> optimizer = make_adamw(model, lr=1e-3, weight_decay=0.01)
    >>> [(len(g["params"]), g["weight_decay"]) for g in optimizer.param_groups]
    [(2, 0.01), (4, 0.0)]
"""

import torch
from torch import nn


def make_adamw(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    # TODO: split the parameters by p.ndim and build AdamW with two parameter groups
    # (roughly 6 lines).
    raise NotImplementedError
