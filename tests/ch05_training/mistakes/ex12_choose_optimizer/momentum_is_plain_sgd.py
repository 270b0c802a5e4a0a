"""ch05 · ex12 — choosing an optimizer by name.

Goal: `make_optimizer(name, params, lr, weight_decay=0.0)` returns the optimizer a training
configuration names, built on `params` with learning rate `lr` and weight decay
`weight_decay` (also for AdamW, whose own default would be 0.01):
- "sgd": torch.optim.SGD without momentum;
- "momentum": torch.optim.SGD with momentum=0.9;
- "adam": torch.optim.Adam;
- "adamw": torch.optim.AdamW (not Adam: AdamW decays the weights directly);
- "rmsprop": torch.optim.RMSprop;
- "adagrad": torch.optim.Adagrad.
Every other setting keeps torch's default (Adam's betas=(0.9, 0.999), RMSprop's alpha=0.99, ...).
Names are case-insensitive ("Adam" and "ADAM" mean "adam"). Any other name raises a
ValueError whose message contains the name. `params` may be a generator such as
`model.parameters()`, which can be walked only once.
目标：`make_optimizer(name, params, lr, weight_decay=0.0)` 返回训练配置中按名字指定的优化器，
它作用于 `params`，学习率为 `lr`，权重衰减为 `weight_decay`（AdamW 也一样，尽管它自己的默认值
是 0.01）：
- "sgd"：不带动量的 torch.optim.SGD；
- "momentum"：momentum=0.9 的 torch.optim.SGD；
- "adam"：torch.optim.Adam；
- "adamw"：torch.optim.AdamW（不是 Adam：AdamW 直接衰减权重）；
- "rmsprop"：torch.optim.RMSprop；
- "adagrad"：torch.optim.Adagrad。
其余设置都保持 torch 的默认值（Adam 的 betas=(0.9, 0.999)、RMSprop 的 alpha=0.99 等）。
名字不区分大小写（"Adam" 和 "ADAM" 都表示 "adam"）。其他名字要抛出 ValueError，错误信息中
要包含这个名字。`params` 可能是 `model.parameters()` 这样只能遍历一次的生成器。

Example:
    >>> model = torch.nn.Linear(4, 2)
    >>> optimizer = make_optimizer("Momentum", model.parameters(), lr=0.1)
    >>> type(optimizer).__name__, optimizer.param_groups[0]["momentum"]
    ('SGD', 0.9)
"""

from collections.abc import Iterable

import torch


def make_optimizer(
    name: str,
    params: Iterable[torch.Tensor],
    lr: float,
    weight_decay: float = 0.0,
) -> torch.optim.Optimizer:
    name = name.lower()
    if name == "sgd" or name == "momentum":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name}")
