"""Hidden-reference tests for ch03 · ex05 — torch.no_grad() and .detach()."""

import math

import pytest
import torch

from grader import probes
from grader.checks import check_number, check_tensor, check_true, say

# Replacement functions for g: name -> (g, g as a float function). With z = g(x).detach() * x,
# dz/dx is g(x) itself.
SWAPS = {
    "sin(t)": (torch.sin, math.sin),
    "t**3 + 1": (lambda t: t**3 + 1, lambda x: x**3 + 1),
}


def inputs(n, d, k, seed):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(d, k, generator=gen), torch.randn(n, d, generator=gen)


def predict_probe(mod, w, x):
    """In the worker: call predict with a w that requires grad, watching for a graph being built.

    Operations recorded for backward save tensors; saved_tensors_hooks sees each one.
    Under torch.no_grad() nothing is recorded, so nothing is saved.
    """
    w = w.clone().requires_grad_(True)
    saved = []
    with torch.autograd.graph.saved_tensors_hooks(lambda t: saved.append(1) or t, lambda t: t):
        out = mod.predict(w, x)
    grad_enabled = torch.is_grad_enabled()
    torch.set_grad_enabled(True)  # whatever predict left behind, later calls start with autograd on
    return {"saved": len(saved), "w_requires_grad": w.requires_grad, "w_is_leaf": w.is_leaf,
            "w": w.detach().clone(), "out": out, "grad_enabled": grad_enabled}


def swap_probe(mod, swap, x):
    """In the worker: replace g by SWAPS[swap], then ask for the slope."""
    mod.g = SWAPS[swap][0]
    return mod.detached_slope(x)


@pytest.mark.parametrize("n, d, k, seed", [(5, 3, 2, 0), (7, 4, 1, 1), (2, 6, 3, 2)])
def test_predict_returns_x_at_w(kata, ref, n, d, k, seed):
    w, x = inputs(n, d, k, seed)
    check_tensor(kata.predict(w, x), ref.predict(w, x),
                 say(f"predict(w of shape {(d, k)}, x of shape {(n, d)})",
                     f"predict(形状为 {(d, k)} 的 w, 形状为 {(n, d)} 的 x)"))


def test_predict_result_does_not_require_grad(kata, ref):
    w, x = inputs(5, 3, 2, 3)
    got = kata.predict(w.requires_grad_(True), x)
    check_tensor(got, ref.predict(w, x),
                 say("predict(w, x) with w.requires_grad=True", "predict(w, x)（w.requires_grad=True）"),
                 requires_grad=False)


def test_predict_builds_no_graph(kata):
    w, x = inputs(5, 3, 2, 4)
    seen = kata.probe(predict_probe, w, x)
    check_true(seen["saved"] == 0,
               "predict(w, x) built a graph for backward (then threw it away?): compute x @ w "
               "inside `with torch.no_grad():` so autograd records nothing",
               "predict(w, x) 为 backward 构建了计算图（之后又丢掉了？）：请在 `with torch.no_grad():` "
               "里计算 x @ w，这样 autograd 什么都不会记录")


def test_predict_leaves_w_unchanged(kata):
    w, x = inputs(5, 3, 2, 5)
    seen = kata.probe(predict_probe, w, x)
    check_true(seen["w_requires_grad"] and seen["w_is_leaf"],
               "after predict(w, x), w must still be a leaf that requires grad: switch autograd "
               "off with torch.no_grad(), not by changing w",
               "调用 predict(w, x) 之后，w 必须仍是 requires_grad 的叶子张量：请用 torch.no_grad() "
               "关闭 autograd，不要去改动 w")
    check_tensor(seen["w"], w, say("w after predict(w, x)", "调用 predict(w, x) 之后的 w"))


def test_predict_leaves_autograd_switched_on(kata):
    w, x = inputs(5, 3, 2, 6)
    seen = kata.probe(predict_probe, w, x)
    check_true(seen["grad_enabled"],
               "after predict(w, x), autograd must be switched on again (torch.is_grad_enabled() is False): "
               "use `with torch.no_grad():`, which switches it back on when the block ends, "
               "not torch.set_grad_enabled(False)",
               "调用 predict(w, x) 之后，autograd 必须重新打开（torch.is_grad_enabled() 为 False）："
               "请用 `with torch.no_grad():`，代码块结束时它会自动重新打开，不要用 torch.set_grad_enabled(False)")


def test_detached_slope_at_two_is_four(kata):
    check_number(kata.detached_slope(2.0), 4.0, "detached_slope(2.0)")


@pytest.mark.parametrize("x", [-1.5, 0.5, 3.0])
def test_detached_slope_matches_reference(kata, ref, x):
    check_number(kata.detached_slope(x), ref.detached_slope(x), f"detached_slope({x})")


@pytest.mark.parametrize("swap", sorted(SWAPS))
def test_detached_slope_follows_g_when_it_changes(kata, swap):
    x = 1.4
    got = kata.probe(swap_probe, swap, x)
    check_number(got, SWAPS[swap][1](x),
                 say(f"with g(t) = {swap}, detached_slope({x})", f"当 g(t) = {swap} 时，detached_slope({x})"),
                 atol=1e-4)


def test_detached_slope_uses_autograd(kata):
    calls = kata.probe(probes.autograd_calls, "detached_slope", 2.0)
    check_true(calls >= 1, "detached_slope must call .backward() (or torch.autograd.grad): "
               "the kata asks for autograd, not a derivative written by hand",
               "detached_slope 必须调用 .backward()（或 torch.autograd.grad）：本题要求用 autograd 求导，"
               "而不是手写导数公式")
