"""ch04 · ex06 — an MLP of any depth with nn.Sequential."""

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        layers.append(nn.ReLU())  # after every layer, the last one too
    return nn.Sequential(*layers)
