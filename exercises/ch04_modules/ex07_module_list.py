"""ch04 · ex07 — find and fix the bug: hidden layers that never learn.

`DeepMLP` runs and returns outputs of the right shape, yet training it barely helps and a
saved checkpoint loses most of it: `model.parameters()` and `model.state_dict()` only know
`inp` and `out`, not the hidden layers. Find the bug and fix it, so that the state_dict
holds `hidden.0.weight`, `hidden.0.bias`, ... for every hidden layer, an optimizer updates
them, and `model.double()` converts them.
目标：找出并修复 bug——学不到东西的隐藏层。`DeepMLP` 能运行，输出形状也对，但训练几乎没有
效果，保存的检查点也丢了大部分内容：`model.parameters()` 和 `model.state_dict()` 只认识
`inp` 和 `out`，不认识隐藏层。修复这个 bug，使 state_dict 包含每个隐藏层的 `hidden.0.weight`、
`hidden.0.bias`……，优化器会更新它们，`model.double()` 也会转换它们。

Example:
    >>> model = DeepMLP(n_in=8, width=16, depth=3, n_out=2)
    >>> [k for k in model.state_dict() if k.startswith("hidden.0")]
    ['hidden.0.weight', 'hidden.0.bias']
    >>> sum(p.numel() for p in model.parameters())   # 8*16+16 + 3*(16*16+16) + 16*2+2
    994
"""

import torch
from torch import nn


class DeepMLP(nn.Module):
    def __init__(self, n_in: int, width: int, depth: int, n_out: int):
        # TODO: find the bug in __init__ and fix it (roughly 1 line).
        super().__init__()
        self.inp = nn.Linear(n_in, width)
        self.hidden = [nn.Linear(width, width) for _ in range(depth)]
        self.out = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out)
        x = torch.relu(self.inp(x))
        for layer in self.hidden:
            x = torch.relu(layer(x))
        return self.out(x)
