"""ch08 · ex03 — fix a device mismatch."""

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
        h = torch.zeros(x.shape[0], self.n_hidden, device=x.device, dtype=x.dtype)
        for t in range(x.shape[1]):
            h = torch.tanh(self.inp(x[:, t]) + self.rec(h))
        return h
