"""Hidden-reference tests for ch03 · ex01 — derivative with autograd."""

import random

import pytest

from grader import probes
from grader.checks import check_number, check_true, say


def swap_f_probe(mod, coeffs, x):
    """In the worker: replace f by another polynomial, then ask for its derivative."""
    mod.f = lambda t: sum(c * t**i for i, c in enumerate(coeffs))
    return mod.derivative_at(x)


def test_derivative_at_two_is_seven(kata):
    check_number(kata.derivative_at(2.0), 7.0, "derivative_at(2.0)")


@pytest.mark.parametrize("x", [-3.5, 0.0, 1.25, 10.0])
def test_matches_reference_at_several_points(kata, ref, x):
    check_number(kata.derivative_at(x), ref.derivative_at(x), f"derivative_at({x})")


def test_follows_f_when_f_changes(kata):
    rng = random.Random(3)
    for _ in range(3):
        coeffs = [rng.randint(-5, 5) for _ in range(4)]
        x = rng.uniform(-2, 2)
        expected = sum(i * c * x ** (i - 1) for i, c in enumerate(coeffs) if i)
        got = kata.probe(swap_f_probe, coeffs, x)
        check_number(got, expected, say(f"with f(x) = {coeffs} (as coefficients), derivative_at({x:.3f})",
                                        f"当 f(x) 的系数为 {coeffs} 时，derivative_at({x:.3f})"),
                     atol=1e-4)


def test_uses_autograd(kata):
    calls = kata.probe(probes.autograd_calls, "derivative_at", 2.0)
    check_true(calls >= 1, "derivative_at must call .backward() (or torch.autograd.grad): "
               "the kata asks for autograd, not a derivative written by hand",
               "derivative_at 必须调用 .backward()（或 torch.autograd.grad）：本题要求用 autograd 求导，"
               "而不是手写导数公式")
