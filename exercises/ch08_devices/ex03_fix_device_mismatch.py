"""ch08 · ex03 — fix: a model that only runs on the CPU.

Goal: TinyRNN only runs on the CPU in float32: moved to the GPU (or the meta device) it
stops with 'Expected all tensors to be on the same device', and in float64 with a dtype
error. Make it run on whatever device and floating dtype its input and weights come in, with
the same results as before on the CPU.
目标：TinyRNN 只能在 CPU 上以 float32 运行：把它移到 GPU（或 meta 设备）上，会报 'Expected all tensors
to be on the same device'；换成 float64，又会报 dtype 错误。修好它，让它在输入和权重所在的任何设
备、任何浮点 dtype 上都能运行，在 CPU 上的结果和原来一样。

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
        # TODO: this only runs on the CPU in float32: make it run wherever its input is (1 line to change).
        h = torch.zeros(x.shape[0], self.n_hidden)
        for t in range(x.shape[1]):
            h = torch.tanh(self.inp(x[:, t]) + self.rec(h))
        return h
