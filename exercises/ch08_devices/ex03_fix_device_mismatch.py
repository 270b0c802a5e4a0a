"""ch08 · ex03 — fix a device mismatch.

Goal: `TinyRNN` works on the CPU but crashes on a GPU with "Expected all tensors to be on
the same device". Find the tensor made on the wrong device and fix it, so that the model
runs wherever it and its input are, in any float dtype.
目标：`TinyRNN` 在 CPU 上能运行，放到 GPU 上却报错“Expected all tensors to be on the same
device”。找出创建在错误设备上的张量并修好它，使模型无论和输入一起放在哪个设备上、用哪种
浮点 dtype，都能运行。

A factory like `torch.zeros(...)` makes its tensor on the default device (the CPU) in the
default dtype (float32), whatever the model's device. The tests run the model on the
"meta" device and in float64, so the bug shows without a GPU.
`torch.zeros(...)` 这类工厂函数会在默认设备（CPU）上、以默认 dtype（float32）创建张量，
与模型在哪里无关。测试会在 `meta` 设备上、以 float64 运行模型，没有 GPU 也能暴露这个 bug。

Example:
    >>> rnn = TinyRNN(n_in=3, n_hidden=5).to("meta")
    >>> rnn(torch.randn(4, 7, 3, device="meta")).shape    # (B, T, n_in) -> (B, n_hidden)
    torch.Size([4, 5])
"""

import torch
from torch import nn


class TinyRNN(nn.Module):
    """h_t = tanh(W_in x_t + W_rec h_{t-1}), starting from h_0 = 0; returns the last h."""

    def __init__(self, n_in: int, n_hidden: int):
        super().__init__()
        self.n_hidden = n_hidden
        self.inp = nn.Linear(n_in, n_hidden)
        self.rec = nn.Linear(n_hidden, n_hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (B, T, n_in) -> (B, n_hidden)
        # TODO: this runs on the CPU only: make every tensor follow x (1 line to change).
        h = torch.zeros(x.shape[0], self.n_hidden)
        for t in range(x.shape[1]):
            h = torch.tanh(self.inp(x[:, t]) + self.rec(h))
        return h
