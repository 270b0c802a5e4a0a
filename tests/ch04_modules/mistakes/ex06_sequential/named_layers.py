"""ch04 · ex06 — an MLP of any depth with nn.Sequential."""

from collections import OrderedDict

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    layers = OrderedDict()
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if i > 0:
            layers[f"relu{i}"] = nn.ReLU()
        layers[f"fc{i + 1}"] = nn.Linear(n_in, n_out)
    return nn.Sequential(layers)
