"""Hidden-reference tests for ch09 · ex03 — find the step where the loss blew up."""

import random

import pytest
import torch

from grader.checks import check_equal, check_true, say

NAN, INF = float("nan"), float("inf")


def _what(losses):
    return f"first_nonfinite(torch.tensor({[round(v, 3) for v in losses.tolist()]}))"


def _check_index(got, expected, what):
    if expected is None:
        check_true(got is None, f"{what} must be None: every loss is finite (got {got!r})",
                   f"{what} 应为 None：每个 loss 都是有限值（实际为 {got!r}）")
    else:
        check_equal(got, expected, what)


def _check(kata, values, expected, dtype=torch.float32):
    losses = torch.tensor(values, dtype=dtype)
    _check_index(kata.first_nonfinite(losses), expected, _what(losses))


def test_finds_a_nan_in_the_middle(kata):
    _check(kata, [2.31, 1.87, 1.52, 1.40, 1.31, NAN, NAN, NAN], 5)


def test_counts_plus_inf_as_blown_up(kata):
    _check(kata, [0.9, 0.8, 3.5, 40.2, INF, NAN], 4)


def test_counts_minus_inf_as_blown_up(kata):
    _check(kata, [0.9, -0.4, -7.0, -INF, 1.0], 3)


def test_a_bad_first_step_gives_zero_not_none(kata):
    _check(kata, [NAN, 1.0, 0.5], 0)


def test_all_finite_gives_none(kata):
    _check(kata, [2.3, 1.9, 1.2, 0.7, 0.6, 0.55], None)


def test_returns_the_first_bad_step_not_a_later_one(kata):
    _check(kata, [1.0, 0.9, INF, 0.8, NAN, 0.7], 2)


def test_finds_where_a_diverging_run_blew_up(kata, ref):
    """Gradient descent on a line fit with a learning rate far too large."""
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(16, 3, generator=g), torch.randn(16, generator=g)
    w = torch.zeros(3)
    losses = []
    for _ in range(80):
        err = x @ w - y
        losses.append((err**2).mean())
        w = w - 3.0 * 2 * x.T @ err / len(y)  # lr = 3: every step overshoots further
    losses = torch.stack(losses)
    expected = ref.first_nonfinite(losses)
    assert expected is not None and expected > 10, "the diverging run should overflow after some steps"
    check_equal(kata.first_nonfinite(losses), expected,
                say("first_nonfinite(losses) for a diverging run of 80 steps",
                    "一次 80 步的发散训练的 first_nonfinite(losses)"))


@pytest.mark.parametrize("dtype", [torch.float64, torch.float16, torch.float32])
def test_matches_reference_on_random_runs(kata, ref, dtype):
    rng = random.Random(str(dtype))
    for _ in range(4):
        values = [rng.uniform(0, 5) for _ in range(rng.randint(3, 12))]
        for _ in range(rng.randint(0, 2)):
            values[rng.randrange(len(values))] = rng.choice([NAN, INF, -INF])
        losses = torch.tensor(values, dtype=dtype)
        _check_index(kata.first_nonfinite(losses), ref.first_nonfinite(losses), _what(losses) + f" ({dtype})")
