"""ch04 · ex01 — the same network, by hand and as an nn.Module."""

import torch
from torch import nn


def make_params(n_in: int, n_hidden: int, n_out: int) -> dict[str, torch.Tensor]:
    w1 = torch.randn(n_hidden, n_in) * 0.1
    w2 = torch.randn(n_out, n_hidden) * 0.1
    params = {"w1": w1, "b1": torch.zeros(n_hidden), "w2": w2, "b2": torch.zeros(n_out)}
    for t in params.values():
        t.requires_grad = True
    return params


def forward_raw(params: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    h = torch.addmm(params["b1"], x, params["w1"].t()).clamp(min=0)
    return torch.addmm(params["b2"], h, params["w2"].t())


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.relu(self.fc1(x)))
