"""ch04 · ex06 — an MLP of any depth with nn.Sequential."""

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    layers = []
    for i in range(len(sizes) - 2):  # one pair too few
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    return nn.Sequential(*layers)
