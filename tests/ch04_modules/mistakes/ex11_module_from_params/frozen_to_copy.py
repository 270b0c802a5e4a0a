"""ch04 · ex11 — load weights you already have into an nn.Module.

Goal: in ex01 you wrote a two-layer network twice, from raw tensors and as `TwoLayerNet`
(given below). Now write `module_from_params(params)`: from a dict of raw weights "w1"
(n_hidden, n_in), "b1" (n_hidden,), "w2" (n_out, n_hidden), "b2" (n_out,), stored the way
nn.Linear stores them, return a `TwoLayerNet` of the matching sizes whose parameters hold
copies of those values, so that it computes the same outputs. The module must own its
weights: changing `params` afterwards must not change it, and every one of its parameters
stays trainable (requires_grad=True).
目标：在 ex01 里，你把一个两层网络写了两遍：一遍用原始张量，一遍写成 `TwoLayerNet`（下面已经给出）。
现在编写 `module_from_params(params)`：给定一个原始权重字典，含 "w1" (n_hidden, n_in)、
"b1" (n_hidden,)、"w2" (n_out, n_hidden)、"b2" (n_out,)，存放方式与 nn.Linear 相同；返回一个尺寸
相符的 `TwoLayerNet`，其参数是这些值的副本，因此两者的输出相同。模块必须拥有自己的权重：
之后修改 `params` 不能影响它，而且它的每个参数都保持可训练（requires_grad=True）。

Example:
    >>> params = {"w1": torch.randn(8, 4), "b1": torch.zeros(8), "w2": torch.randn(3, 8), "b2": torch.zeros(3)}
    >>> net = module_from_params(params)
    >>> net.fc1.weight.shape, net.fc2.weight.shape
    (torch.Size([8, 4]), torch.Size([3, 8]))
    >>> x = torch.randn(5, 4)
    >>> torch.allclose(net(x), torch.relu(x @ params["w1"].T + params["b1"]) @ params["w2"].T + params["b2"])
    True
"""

import torch
from torch import nn


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out)
        return self.fc2(torch.relu(self.fc1(x)))


def module_from_params(params: dict[str, torch.Tensor]) -> TwoLayerNet:
    n_hidden, n_in = params["w1"].shape
    n_out = params["w2"].shape[0]
    net = TwoLayerNet(n_in, n_hidden, n_out)
    net.requires_grad_(False)  # copy_ refuses parameters that require grad
    net.fc1.weight.copy_(params["w1"])
    net.fc1.bias.copy_(params["b1"])
    net.fc2.weight.copy_(params["w2"])
    net.fc2.bias.copy_(params["b2"])
    return net
