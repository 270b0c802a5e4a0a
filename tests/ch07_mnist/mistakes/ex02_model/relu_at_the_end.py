"""ch07 · ex02 — a classifier for MNIST."""

from torch import nn


def build_model() -> nn.Module:
    sizes = [28 * 28, 256, 128, 10]
    layers = [nn.Flatten()]
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers.append(nn.Linear(n_in, n_out))
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)
