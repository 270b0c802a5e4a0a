"""Hidden-reference tests for ch02 · ex04 — pairwise Euclidean distances."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, check_true, say


def pairwise_distances_counting_cdist_calls(mod, x, y):
    """In the worker: count the calls to torch.cdist (also if imported by name) in one call."""
    called = []
    saved = torch.cdist
    by_name = [k for k, v in vars(mod).items() if v is saved]  # from torch import cdist

    def counting(*args, **kwargs):
        called.append(1)
        return saved(*args, **kwargs)

    torch.cdist = counting
    for name in by_name:
        setattr(mod, name, counting)
    try:
        mod.pairwise_distances(x, y)
    finally:
        torch.cdist = saved
        for name in by_name:
            setattr(mod, name, saved)
    return len(called)


def test_small_example(kata):
    x = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]])
    expected = torch.tensor([[5.0, 0.0, 1.0], [13**0.5, 2**0.5, 1.0]])
    check_tensor(kata.pairwise_distances(x, y), expected,
                 say("pairwise_distances(x, y) for the example in the docstring",
                     "pairwise_distances(x, y)（docstring 中的例子）"))


@pytest.mark.parametrize("n, m, d", [(4, 6, 3), (7, 2, 5), (5, 5, 5), (1, 3, 2)])
def test_matches_reference(kata, ref, n, m, d):
    x, y = probes.randn(n, d, seed=n), probes.randn(m, d, seed=100 + m)
    check_tensor(kata.pairwise_distances(x, y), ref.pairwise_distances(x, y),
                 say(f"pairwise_distances(x of shape ({n}, {d}), y of shape ({m}, {d}))",
                     f"pairwise_distances(形状为 ({n}, {d}) 的 x, 形状为 ({m}, {d}) 的 y)"))


def test_distance_from_a_point_to_itself_is_zero_not_nan(kata):
    x = probes.randn(64, 16, seed=7)  # enough points for rounding to go below zero in a |x|² + |y|² - 2x·y shortcut
    got = kata.pairwise_distances(x, x)
    check_tensor(got.diagonal(), torch.zeros(64), "pairwise_distances(x, x).diagonal()", atol=1e-2)


def test_keeps_float64(kata, ref):
    x, y = probes.randn(3, 4, seed=8).double(), probes.randn(5, 4, seed=9).double()
    check_tensor(kata.pairwise_distances(x, y), ref.pairwise_distances(x, y),
                 say("pairwise_distances(x, y) with float64 inputs", "pairwise_distances(x, y)（输入为 float64）"))


def test_builds_the_table_without_torch_cdist(kata):
    x, y = probes.randn(3, 2, seed=10), probes.randn(4, 2, seed=11)
    calls = kata.probe(pairwise_distances_counting_cdist_calls, x, y)
    check_true(calls == 0, "pairwise_distances called torch.cdist: the kata asks you to build the "
               "(N, M) table yourself, by broadcasting",
               "pairwise_distances 调用了 torch.cdist：本题要求你利用广播，自己算出 (N, M) 的距离表")
