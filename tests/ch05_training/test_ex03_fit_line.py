"""Hidden-reference tests for ch05 · ex03 — fit a line with SGD."""

import pytest
import torch

from grader.checks import check_number, check_true, say


def _line(slope, intercept, n=25, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 1, generator=g) * 2 - 1  # (N, 1) in [-1, 1)
    return x, slope * x + intercept


def _check_pair(got, expected, what, atol, why=""):
    check_true(isinstance(got, (tuple, list)) and len(got) == 2,
               f"{what} must return a pair (weight, bias) (got {got!r})",
               f"{what} 必须返回一对 (weight, bias)（实际得到 {got!r}）")
    check_true(not any(isinstance(v, torch.Tensor) for v in got),
               f"{what} must return two Python floats (got tensors; use model.weight.item())",
               f"{what} 必须返回两个 Python float（实际得到的是张量；请用 model.weight.item()）")
    check_number(got[0], expected[0], say(f"the weight returned by {what}{why}", f"{what} 返回的 weight{why}"),
                 atol=atol, rtol=0)
    check_number(got[1], expected[1], say(f"the bias returned by {what}{why}", f"{what} 返回的 bias{why}"),
                 atol=atol, rtol=0)


def twice_probe(mod, x, y):
    """In the worker: the same call twice in a row, in one process."""
    return [mod.fit_line(x, y, epochs=2, lr=0.1, seed=4) for _ in range(2)]


def _as_floats(pair):
    try:
        return tuple(float(v) for v in pair)
    except (TypeError, ValueError, RuntimeError):
        return None  # not a pair of numbers: the other tests say so


def test_the_same_call_twice_returns_the_same_line(kata):
    x, y = _line(2.0, 1.0, seed=3)
    first, second = (_as_floats(got) for got in kata.probe(twice_probe, x, y))
    check_true(first is None or second is None or first == second,
               "fit_line(x, y, epochs=2, lr=0.1, seed=4) called twice must return the same line both times: "
               "start from make_line_model(seed), not from a new nn.Linear(1, 1) with random weights",
               "两次调用 fit_line(x, y, epochs=2, lr=0.1, seed=4) 必须返回同一条直线：请从 make_line_model(seed) "
               "出发，而不是新建一个权重随机的 nn.Linear(1, 1)")


def test_learns_slope_two_and_no_bias(kata):
    x, y = _line(2.0, 0.0)
    _check_pair(kata.fit_line(x, y), (2.0, 0.0), "fit_line(x, 2 * x)", atol=1e-3)


@pytest.mark.parametrize("slope, intercept", [(-3.0, 0.5), (0.75, -1.25)])
def test_learns_other_lines(kata, slope, intercept):
    x, y = _line(slope, intercept, n=30, seed=1)
    what = f"fit_line(x, {slope} * x + {intercept}, epochs=300)"
    _check_pair(kata.fit_line(x, y, epochs=300), (slope, intercept), what, atol=1e-3)


@pytest.mark.parametrize("epochs, lr, seed", [(1, 0.1, 0), (3, 0.05, 1), (5, 0.3, 2)])
def test_follows_gradient_descent_epoch_by_epoch(kata, ref, epochs, lr, seed):
    x, y = _line(2.0, 1.0, seed=seed)
    what = f"fit_line(x, y, epochs={epochs}, lr={lr}, seed={seed})"
    why = say(f" after {epochs} full-batch SGD steps from make_line_model({seed})",
              f"（从 make_line_model({seed}) 出发，做 {epochs} 步全批量 SGD 之后）")
    _check_pair(kata.fit_line(x, y, epochs=epochs, lr=lr, seed=seed),
                ref.fit_line(x, y, epochs=epochs, lr=lr, seed=seed), what, atol=1e-5, why=why)


def test_zero_epochs_return_the_seeded_starting_line(kata, ref):
    x, y = _line(2.0, 0.0)
    _check_pair(kata.fit_line(x, y, epochs=0, seed=7), ref.fit_line(x, y, epochs=0, seed=7),
                "fit_line(x, y, epochs=0, seed=7)", atol=1e-6)
