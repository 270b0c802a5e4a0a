"""ch04 · ex06 — an MLP of any depth with nn.Sequential.

Goal: `make_mlp(sizes)` returns an `nn.Sequential` of `nn.Linear` layers, one per pair of
neighbouring sizes, with an `nn.ReLU()` between two linear layers but not after the last
one (the output stays raw logits). `nn.Sequential` calls its layers in order, so there is
no `forward` to write.
目标：`make_mlp(sizes)` 返回一个 `nn.Sequential`：每对相邻的尺寸对应一个 `nn.Linear` 层，
两个线性层之间放一个 `nn.ReLU()`，但最后一层之后不放（输出保持为原始 logits）。
`nn.Sequential` 会按顺序调用各层，所以不需要写 `forward`。

Example:
    >>> make_mlp([784, 256, 64, 10])
    Sequential(
      (0): Linear(in_features=784, out_features=256, bias=True)
      (1): ReLU()
      (2): Linear(in_features=256, out_features=64, bias=True)
      (3): ReLU()
      (4): Linear(in_features=64, out_features=10, bias=True)
    )
    >>> make_mlp([5, 3])
    Sequential(
      (0): Linear(in_features=5, out_features=3, bias=True)
    )
"""

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    # TODO: collect Linear (and ReLU) layers in a list, then unpack it into nn.Sequential (roughly 6 lines).
    # BEGIN SOLUTION
    layers: list[nn.Module] = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(nn.ReLU())  # between two linear layers only: the output stays raw logits
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    return nn.Sequential(*layers)
    # END SOLUTION
