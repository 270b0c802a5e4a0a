"""Hidden-reference tests for ch03 · ex04 — the chain rule through an intermediate tensor."""

import math

import pytest
import torch

from grader import probes
from grader.checks import check_number, check_true, say

# Replacement (inner, outer) pairs: name -> (inner, outer, (dz/dx, dz/dy, dz/du) at x, y).
SWAPS = {
    "u = x * y, z = sin(u)": (
        lambda x, y: x * y,
        torch.sin,
        lambda x, y: (math.cos(x * y) * y, math.cos(x * y) * x, math.cos(x * y)),
    ),
    "u = 2x - y, z = u**3": (
        lambda x, y: 2 * x - y,
        lambda u: u**3,
        lambda x, y: (6 * (2 * x - y) ** 2, -3 * (2 * x - y) ** 2, 3 * (2 * x - y) ** 2),
    ),
}
NAMES = ("dz/dx", "dz/dy", "dz/du")


def swap_probe(mod, swap, x, y):
    """In the worker: replace inner and outer by SWAPS[swap], then ask for the derivatives."""
    mod.inner, mod.outer = SWAPS[swap][0], SWAPS[swap][1]
    return mod.chain_rule(x, y)


def missing_grad_probe(mod, x, y):
    """In the worker: call chain_rule; the message of the AttributeError or TypeError it raised, or ""."""
    try:
        mod.chain_rule(x, y)
    except (AttributeError, TypeError) as e:
        return str(e)
    return ""


def check_triple(got, expected, what, atol=1e-5):
    check_true(isinstance(got, (tuple, list)) and len(got) == 3,
               f"{what} must return three numbers (dz/dx, dz/dy, dz/du) (got {got!r})",
               f"{what} 必须返回三个数 (dz/dx, dz/dy, dz/du)（实际得到 {got!r}）")
    for i, name in enumerate(NAMES):
        if got[i] is None:
            check_true(False, f"{what}[{i}], {name}, is None: a non-leaf tensor keeps no .grad "
                       "unless you call .retain_grad() on it before backward()",
                       f"{what}[{i}]（即 {name}）是 None：非叶子张量不会保留 .grad，"
                       "除非在 backward() 之前对它调用 .retain_grad()")
        check_number(got[i], expected[i], say(f"{what}[{i}], {name},", f"{what}[{i}]（即 {name}）"), atol=atol)


def test_reads_only_gradients_that_exist(kata):
    error = kata.probe(missing_grad_probe, 1.0, 2.0)
    error = error if "NoneType" in str(error) else ""  # failed by reading a .grad that is None
    check_true(not error, f"chain_rule(1.0, 2.0) used a .grad that is None ({error}): autograd keeps "
               ".grad only for leaves and for tensors you called .retain_grad() on before backward()",
               f"chain_rule(1.0, 2.0) 用到了值为 None 的 .grad（{error}）：autograd 只为叶子张量，"
               "以及在 backward() 之前调用过 .retain_grad() 的张量保留 .grad")


def test_returns_three_numbers(kata):
    got = kata.chain_rule(0.5, 1.0)
    check_true(isinstance(got, (tuple, list)) and len(got) == 3,
               f"chain_rule(0.5, 1.0) must return three numbers (dz/dx, dz/dy, dz/du) (got {got!r})",
               f"chain_rule(0.5, 1.0) 必须返回三个数 (dz/dx, dz/dy, dz/du)（实际得到 {got!r}）")


def test_at_one_two_all_three_are_six(kata):
    check_triple(kata.chain_rule(1.0, 2.0), (6.0, 6.0, 6.0), "chain_rule(1.0, 2.0)")


@pytest.mark.parametrize("x, y", [(-1.5, 0.25), (2.0, 3.0), (0.75, -4.0)])
def test_matches_reference_at_several_points(kata, ref, x, y):
    check_triple(kata.chain_rule(x, y), ref.chain_rule(x, y), f"chain_rule({x}, {y})")


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_follows_inner_and_outer_when_they_change(kata, swap):
    x, y = 1.1, -0.4
    got = kata.probe(swap_probe, swap, x, y)
    check_triple(got, SWAPS[swap][2](x, y),
                 say(f"with {swap}, chain_rule({x}, {y})", f"当 {swap} 时，chain_rule({x}, {y})"), atol=1e-4)


def test_uses_autograd(kata):
    calls = kata.probe(probes.autograd_calls, "chain_rule", 1.0, 2.0)
    check_true(calls >= 1, "chain_rule must call .backward() (or torch.autograd.grad): "
               "the kata asks for autograd, not the chain rule worked out by hand",
               "chain_rule 必须调用 .backward()（或 torch.autograd.grad）：本题要求用 autograd 求导，"
               "而不是手动套用链式法则")
