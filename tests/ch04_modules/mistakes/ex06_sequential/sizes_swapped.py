"""ch04 · ex06 — an MLP of any depth with nn.Sequential."""

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(sizes[i + 1], sizes[i]))
    return nn.Sequential(*layers)
