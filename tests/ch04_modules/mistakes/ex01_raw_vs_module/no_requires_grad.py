"""ch04 · ex01 — the same network, by hand and as an nn.Module."""

import torch
from torch import nn


def make_params(n_in: int, n_hidden: int, n_out: int) -> dict[str, torch.Tensor]:
    return {
        "w1": torch.randn(n_hidden, n_in) * 0.1,
        "b1": torch.zeros(n_hidden),
        "w2": torch.randn(n_out, n_hidden) * 0.1,
        "b2": torch.zeros(n_out),
    }


def forward_raw(params: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    h = torch.relu(x @ params["w1"].T + params["b1"])
    return h @ params["w2"].T + params["b2"]


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x)))
