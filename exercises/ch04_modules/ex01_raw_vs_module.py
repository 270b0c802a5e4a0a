"""ch04 · ex01 — the same network, by hand and as an nn.Module.

Goal: build a two-layer network y = relu(x W1ᵀ + b1) W2ᵀ + b2 twice. First by hand, from
raw tensors that require grad and a forward function; then as an `nn.Module` made of two
`nn.Linear` layers. Given the same weights, both must give the same outputs (ex11 copies
weights from one into the other).
目标：把两层网络 y = relu(x W1ᵀ + b1) W2ᵀ + b2 写两遍。第一遍手写：用需要梯度的原始张量
和一个前向函数；第二遍写成由两个 `nn.Linear` 组成的 `nn.Module`。权重相同时，两者的输出必须相同
（ex11 会把权重从一个拷到另一个里）。

1. `make_params(n_in, n_hidden, n_out)`: a dict with "w1" (n_hidden, n_in), "b1" (n_hidden,),
   "w2" (n_out, n_hidden), "b2" (n_out,). Weights are `torch.randn(...) * 0.1`, biases are
   zeros; every tensor is a leaf that requires grad (an optimizer can only update leaves).
   `make_params`：返回字典，含 "w1" (n_hidden, n_in)、"b1" (n_hidden,)、"w2" (n_out, n_hidden)、
   "b2" (n_out,)。权重为 `torch.randn(...) * 0.1`，偏置为 0；每个张量都是需要梯度的叶子张量
   （优化器只能更新叶子张量）。
2. `forward_raw(params, x)`: the network's output for x of shape (B, n_in).
   `forward_raw`：对形状为 (B, n_in) 的 x 计算网络输出。
3. `TwoLayerNet(n_in, n_hidden, n_out)`: the same network with layers `fc1` and `fc2`.
   `TwoLayerNet`：同一个网络，层名为 `fc1` 和 `fc2`。

The weights are stored like nn.Linear stores them: (out_features, in_features).
权重的存放方式与 nn.Linear 相同：(out_features, in_features)。

Example:
    >>> params = make_params(4, 8, 3)
    >>> params["w1"].shape, params["w1"].requires_grad
    (torch.Size([8, 4]), True)
    >>> x = torch.randn(5, 4)
    >>> forward_raw(params, x).shape
    torch.Size([5, 3])
    >>> TwoLayerNet(4, 8, 3)(x).shape
    torch.Size([5, 3])
"""

import torch
from torch import nn


def make_params(n_in: int, n_hidden: int, n_out: int) -> dict[str, torch.Tensor]:
    # TODO: create w1, b1, w2, b2 as leaf tensors that require grad (roughly 6 lines).
    raise NotImplementedError


def forward_raw(params: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    # x: (B, n_in) -> (B, n_out)
    # TODO: hidden layer, ReLU, output layer (roughly 2 lines).
    raise NotImplementedError


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        # TODO: call super().__init__(), then create self.fc1 and self.fc2 (roughly 3 lines).
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out)
        # TODO: the same computation as forward_raw, with the layers (roughly 1 line).
        raise NotImplementedError
