"""ch09 · ex10 — a layer built inside `forward`.

Goal: `Classifier` builds its output layer inside `forward`: `nn.Linear(...)` draws new random
weights at every call, so the same input gives a different output each time, and the layer
is never registered on the module: `model.parameters()` does not list it, the optimizer never
trains it, and `state_dict()` does not save it. Fix it: create the output layer once, in
`__init__`, as `self.out = nn.Linear(n_hidden, n_out)`, and use it in `forward`, which returns
the raw logits `self.out(relu(self.hidden(x)))`.
目标：`Classifier` 在 `forward` 里面创建输出层：每次调用 `nn.Linear(...)` 都会重新随机生成
权重，所以同一个输入每次得到的输出都不一样；而且这一层从未注册到模块上：`model.parameters()`
里没有它，优化器永远训练不到它，`state_dict()` 也不会保存它。修好它：在 `__init__` 里只创建一次
输出层，写成 `self.out = nn.Linear(n_hidden, n_out)`，并在 `forward` 中使用它；`forward` 返回
原始 logits `self.out(relu(self.hidden(x)))`。

Example:
    >>> model = Classifier(4, 8, 3)
    >>> x = torch.randn(5, 4)
    >>> torch.equal(model(x), model(x))
    True
    >>> list(model.state_dict())
    ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']
"""

import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        # TODO: create the output layer here, once (roughly 1 line).
        self.out = nn.Linear(n_out, n_hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out) raw logits
        h = torch.relu(self.hidden(x))
        # TODO: use the layer made in __init__ (roughly 1 line).
        return self.out(h)
