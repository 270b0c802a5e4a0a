"""ch04 · ex03 — freezing layers and counting trainable parameters.

Goal: write two helpers you will use whenever you fine-tune a model.
`freeze(module)` stops every parameter of `module` (and of its submodules) from being
trained. `count_trainable(model)` returns how many numbers an optimizer would update: the
total number of elements of the parameters that require grad. Frozen parameters and
buffers (like BatchNorm's running mean) do not count.
目标：写两个微调模型时常用的小工具。`freeze(module)` 让 `module`（及其子模块）的所有参数
不再被训练。`count_trainable(model)` 返回优化器会更新的数值个数，即所有需要梯度的参数的
元素总数。被冻结的参数和缓冲区（如 BatchNorm 的 running_mean）都不计入。

Example:
    >>> model = nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))
    >>> count_trainable(model)          # 10*5 + 5 + 5*2 + 2
    67
    >>> freeze(model[0])
    >>> count_trainable(model)          # only the last layer is left
    12
"""

from torch import nn


def freeze(module: nn.Module) -> None:
    # TODO: turn off requires_grad on every parameter of module (roughly 2 lines).
    raise NotImplementedError


def count_trainable(model: nn.Module) -> int:
    # TODO: add up numel() of the parameters that require grad (roughly 1 line).
    raise NotImplementedError
