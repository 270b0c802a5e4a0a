"""ch04 · ex01 — the same network, by hand and as an nn.Module."""

import torch
from torch import nn


def make_params(n_in: int, n_hidden: int, n_out: int) -> dict[str, torch.Tensor]:
    # nn.Parameter is a leaf that requires grad
    return {
        "w1": nn.Parameter(0.1 * torch.randn(n_hidden, n_in)),
        "b1": nn.Parameter(torch.zeros(n_hidden)),
        "w2": nn.Parameter(0.1 * torch.randn(n_out, n_hidden)),
        "b2": nn.Parameter(torch.zeros(n_out)),
    }


def forward_raw(params: dict[str, torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    import torch.nn.functional as F

    return F.linear(F.relu(F.linear(x, params["w1"], params["b1"])), params["w2"], params["b2"])


class TwoLayerNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super(TwoLayerNet, self).__init__()
        self.fc1 = nn.Linear(in_features=n_in, out_features=n_hidden)
        self.fc2 = nn.Linear(in_features=n_hidden, out_features=n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.fc1(x)
        x = nn.functional.relu(x)
        return self.fc2(x)
