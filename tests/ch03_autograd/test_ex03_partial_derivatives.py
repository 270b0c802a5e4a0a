"""Hidden-reference tests for ch03 · ex03 — partial derivatives."""

import math

import pytest
import torch

from grader import probes
from grader.checks import check_number, check_true, say

# Replacement functions the probe swaps in: name -> (g, (∂g/∂x, ∂g/∂y)).
SWAPS = {
    "x * y**2 + sin(x)": (
        lambda x, y: x * y**2 + torch.sin(x),
        lambda x, y: (y**2 + math.cos(x), 2 * x * y),
    ),
    "exp(x) * y - 3y": (
        lambda x, y: torch.exp(x) * y - 3 * y,
        lambda x, y: (math.exp(x) * y, math.exp(x) - 3),
    ),
}


def swap_probe(mod, swap, x, y):
    """In the worker: replace g by SWAPS[swap], then ask for the partials."""
    mod.g = SWAPS[swap][0]
    return mod.partials(x, y)


def check_pair(got, expected, what, atol=1e-5):
    check_true(isinstance(got, (tuple, list)) and len(got) == 2,
               f"{what} must return a pair (∂g/∂x, ∂g/∂y) (got {got!r})",
               f"{what} 必须返回一对数 (∂g/∂x, ∂g/∂y)（实际得到 {got!r}）")
    check_number(got[0], expected[0], say(f"{what}[0], ∂g/∂x,", f"{what}[0]（即 ∂g/∂x）"), atol=atol)
    check_number(got[1], expected[1], say(f"{what}[1], ∂g/∂y,", f"{what}[1]（即 ∂g/∂y）"), atol=atol)


def test_returns_a_pair_of_numbers(kata):
    got = kata.partials(1.0, -1.0)
    check_true(isinstance(got, (tuple, list)) and len(got) == 2,
               f"partials(1.0, -1.0) must return a pair (∂g/∂x, ∂g/∂y) (got {got!r})",
               f"partials(1.0, -1.0) 必须返回一对数 (∂g/∂x, ∂g/∂y)（实际得到 {got!r}）")


def test_partials_at_two_three_are_four_six(kata):
    check_pair(kata.partials(2.0, 3.0), (4.0, 6.0), "partials(2.0, 3.0)")


@pytest.mark.parametrize("x, y", [(-1.5, 0.25), (0.0, 4.0), (3.5, -2.0)])
def test_matches_reference_at_several_points(kata, ref, x, y):
    check_pair(kata.partials(x, y), ref.partials(x, y), f"partials({x}, {y})")


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_follows_g_when_g_changes(kata, swap):
    x, y = 0.6, -1.7
    got = kata.probe(swap_probe, swap, x, y)
    check_pair(got, SWAPS[swap][1](x, y),
               say(f"with g(x, y) = {swap}, partials({x}, {y})", f"当 g(x, y) = {swap} 时，partials({x}, {y})"),
               atol=1e-4)


def test_uses_autograd(kata):
    calls = kata.probe(probes.autograd_calls, "partials", 2.0, 3.0)
    check_true(calls >= 1, "partials must call .backward() (or torch.autograd.grad): "
               "the kata asks for autograd, not partial derivatives written by hand",
               "partials 必须调用 .backward()（或 torch.autograd.grad）：本题要求用 autograd 求偏导，"
               "而不是手写偏导数公式")
