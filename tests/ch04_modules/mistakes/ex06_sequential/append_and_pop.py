"""ch04 · ex06 — an MLP of any depth with nn.Sequential."""

from torch import nn


def make_mlp(sizes: list[int]) -> nn.Sequential:
    model = nn.Sequential()
    relu = nn.ReLU()  # no state: one instance can sit between every pair
    for n_in, n_out in zip(sizes, sizes[1:]):
        model.append(nn.Linear(n_in, n_out))
        model.append(relu)
    del model[-1]  # no ReLU after the last layer
    return model
