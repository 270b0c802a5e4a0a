"""ch05 · ex03 — fit a line with SGD.

Goal: train nn.Linear(1, 1) on (x, y) with SGD and MSELoss; return the learned weight and
bias as Python floats.
目标：用 SGD 和 MSELoss 在 (x, y) 上训练 nn.Linear(1, 1)，以 Python 浮点数返回学到的权重和
偏置。

Start from `make_line_model(seed)` (given), so the same call always starts from the same
line. Each epoch is one step on the whole data set (full-batch gradient descent) with
torch.optim.SGD at learning rate `lr`. Train by gradient descent: the tests follow its
path for a few epochs, so a closed-form answer does not pass.
从 `make_line_model(seed)`（已给出）开始，这样同样的调用总是从同一条直线出发。每一轮
（epoch）在整个数据集上走一步（全批量梯度下降），优化器是学习率为 `lr` 的 torch.optim.SGD。
请用梯度下降训练：测试会检查前几轮的轨迹，用解析解无法通过。

Example:
    >>> x = torch.linspace(-1, 1, 20).unsqueeze(1)
    >>> w, b = fit_line(x, 2 * x)
    >>> round(w, 3), round(b, 3)
    (2.0, 0.0)
"""

import torch
from torch import nn


def make_line_model(seed: int) -> nn.Linear:
    """The starting line (given; do not change · 已给出，请勿修改): the same seed gives the same weight and bias."""
    torch.manual_seed(seed)
    return nn.Linear(1, 1)


def fit_line(
    x: torch.Tensor,  # (N, 1) inputs
    y: torch.Tensor,  # (N, 1) targets
    epochs: int = 200,
    lr: float = 0.1,
    seed: int = 0,
) -> tuple[float, float]:
    # TODO: start from make_line_model(seed), make SGD and MSELoss, take `epochs` full-batch
    # steps, return (weight, bias) as floats (roughly 9 lines).
    raise NotImplementedError
