"""Hidden-reference tests for ch02 · ex02 — standardize along a dim (fix the bug)."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, check_true, say


def x_after_standardize(mod, x, dim):
    """In the worker: call standardize and send x back as it is afterwards."""
    mod.standardize(x, dim)
    return x


def test_standardizes_the_features_of_a_batch(kata, ref):
    x = probes.randn(6, 4) * 3 + 5
    check_tensor(kata.standardize(x, 0), ref.standardize(x, 0),
                 say("standardize(x of shape (6, 4), dim=0)", "standardize(形状为 (6, 4) 的 x, dim=0)"))


def test_standardizes_each_row(kata, ref):
    x = probes.randn(6, 4, seed=1) * 3 + 5
    check_tensor(kata.standardize(x, 1), ref.standardize(x, 1),
                 say("standardize(x of shape (6, 4), dim=1)", "standardize(形状为 (6, 4) 的 x, dim=1)"))


def test_square_input_is_standardized_along_the_asked_dim(kata, ref):
    x = probes.randn(5, 5, seed=2) * 3 + 5
    check_tensor(kata.standardize(x, 1), ref.standardize(x, 1),
                 say("standardize(x of shape (5, 5), dim=1)", "standardize(形状为 (5, 5) 的 x, dim=1)"))


@pytest.mark.parametrize("dim", [0, 1, 2, -1])
def test_any_dim_of_a_3d_tensor(kata, ref, dim):
    x = probes.randn(2, 3, 4, seed=3) * 3 + 5
    check_tensor(kata.standardize(x, dim), ref.standardize(x, dim),
                 say(f"standardize(x of shape (2, 3, 4), dim={dim})", f"standardize(形状为 (2, 3, 4) 的 x, dim={dim})"))


def test_each_row_ends_with_mean_zero_and_variance_one(kata):
    x = probes.randn(7, 3, seed=4) * 3 + 5
    got = kata.standardize(x, 1)
    check_tensor(got.mean(1), torch.zeros(7),
                 say("standardize(x of shape (7, 3), dim=1).mean(1)", "standardize(形状为 (7, 3) 的 x, dim=1).mean(1)"),
                 atol=1e-4)
    check_tensor(got.var(1, unbiased=False), torch.ones(7),
                 say("standardize(x of shape (7, 3), dim=1).var(1)", "standardize(形状为 (7, 3) 的 x, dim=1).var(1)"),
                 atol=1e-3)


def test_constant_slices_become_zeros_not_nan(kata, ref):
    x = torch.tensor([[2.0, 2.0, 2.0], [1.0, 2.0, 6.0]])
    check_tensor(kata.standardize(x, 1), ref.standardize(x, 1), "standardize([[2, 2, 2], [1, 2, 6]], dim=1)")


def test_eps_is_used(kata, ref):
    x = (probes.randn(3, 5, seed=5) * 3 + 5) * 0.01
    check_tensor(kata.standardize(x, 1, 0.5), ref.standardize(x, 1, 0.5), "standardize(x, dim=1, eps=0.5)")


def test_does_not_modify_its_input(kata):
    x = probes.randn(4, 6, seed=6) * 3 + 5
    after = kata.probe(x_after_standardize, x, 1)
    check_true(isinstance(after, torch.Tensor) and torch.equal(after, x),
               "standardize(x, dim=1) changed x: build a new tensor instead of writing into x",
               "standardize(x, dim=1) 修改了 x：请新建一个张量，不要往 x 里写入")
