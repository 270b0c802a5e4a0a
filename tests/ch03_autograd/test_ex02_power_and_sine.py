"""Hidden-reference tests for ch03 · ex02 — derivatives of x³ and sin x."""

import math

import pytest
import torch

from grader import probes
from grader.checks import check_number, check_true, say

# Replacement functions the probes swap in: name -> (function, its derivative).
SWAPS = {
    "t**4 - 2t": (lambda t: t**4 - 2 * t, lambda x: 4 * x**3 - 2),
    "exp(t / 2)": (lambda t: torch.exp(t / 2), lambda x: math.exp(x / 2) / 2),
    "cos(2t)": (lambda t: torch.cos(2 * t), lambda x: -2 * math.sin(2 * x)),
    "t * sin(t)": (lambda t: t * torch.sin(t), lambda x: math.sin(x) + x * math.cos(x)),
}


def swap_probe(mod, given, swap, slope, x):
    """In the worker: replace the given function `given` by SWAPS[swap], then ask `slope`."""
    setattr(mod, given, SWAPS[swap][0])
    return getattr(mod, slope)(x)


def test_cube_slope_at_three_is_27(kata):
    check_number(kata.cube_slope(3.0), 27.0, "cube_slope(3.0)")


def test_sine_slope_at_quarter_pi_is_cos_quarter_pi(kata):
    check_number(kata.sine_slope(math.pi / 4), math.cos(math.pi / 4), "sine_slope(π/4)")


@pytest.mark.parametrize("x", [-2.5, 0.0, 0.7, 4.0])
def test_cube_slope_matches_reference_at_several_points(kata, ref, x):
    check_number(kata.cube_slope(x), ref.cube_slope(x), f"cube_slope({x})")


@pytest.mark.parametrize("x", [-1.2, 0.0, 1.0, 2.9])
def test_sine_slope_matches_reference_at_several_points(kata, ref, x):
    check_number(kata.sine_slope(x), ref.sine_slope(x), f"sine_slope({x})")


@pytest.mark.parametrize("swap", ["t**4 - 2t", "exp(t / 2)"])
def test_cube_slope_follows_cube_when_it_changes(kata, swap):
    x = 1.3
    got = kata.probe(swap_probe, "cube", swap, "cube_slope", x)
    check_number(got, SWAPS[swap][1](x),
                 say(f"with cube(t) = {swap}, cube_slope({x})", f"当 cube(t) = {swap} 时，cube_slope({x})"), atol=1e-4)


@pytest.mark.parametrize("swap", ["cos(2t)", "t * sin(t)"])
def test_sine_slope_follows_sine_when_it_changes(kata, swap):
    x = 0.8
    got = kata.probe(swap_probe, "sine", swap, "sine_slope", x)
    check_number(got, SWAPS[swap][1](x),
                 say(f"with sine(t) = {swap}, sine_slope({x})", f"当 sine(t) = {swap} 时，sine_slope({x})"), atol=1e-4)


@pytest.mark.parametrize("slope", ["cube_slope", "sine_slope"])
def test_uses_autograd(kata, slope):
    calls = kata.probe(probes.autograd_calls, slope, 1.5)
    check_true(calls >= 1, f"{slope} must call .backward() (or torch.autograd.grad): "
               "the kata asks for autograd, not a derivative written by hand",
               f"{slope} 必须调用 .backward()（或 torch.autograd.grad）：本题要求用 autograd 求导，"
               "而不是手写导数公式")
