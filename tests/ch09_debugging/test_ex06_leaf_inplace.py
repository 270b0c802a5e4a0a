"""Hidden-reference tests for ch09 · ex06 — updating a leaf tensor that requires grad."""

import pytest
import torch

from grader.checks import check_tensor, check_true


def _data(n, d, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, d, generator=g), torch.randn(n, generator=g)


def leaf_probe(mod, x, y):
    w, b = mod.fit_line(x, y, 5, 0.05)
    return [w.is_leaf, w.requires_grad, b.is_leaf, b.requires_grad]


def _flags_message(got, names):
    wrong = [f"{n} is {g}" for n, g in zip(names, got, strict=True) if g is not True]
    return ("fit_line(x, y, 5, 0.05) must return w and b themselves: leaf tensors that still require grad "
            f"(got {', '.join(wrong)}; update them in place under torch.no_grad(), do not detach them)")


def _call(x, steps, lr):
    return f"fit_line(x, y, steps={steps}, lr={lr}) with x of shape {tuple(x.shape)}"


@pytest.mark.parametrize("n, d, steps, lr", [(12, 3, 25, 0.05), (7, 5, 40, 0.02), (30, 1, 10, 0.1)])
def test_matches_reference(kata, ref, n, d, steps, lr):
    x, y = _data(n, d, seed=n + d)
    w, b = kata.fit_line(x, y, steps, lr)
    ew, eb = ref.fit_line(x, y, steps, lr)
    check_tensor(w, ew.detach(), f"w from {_call(x, steps, lr)}")
    check_tensor(b, eb.detach(), f"b from {_call(x, steps, lr)}")


def test_one_step_is_one_gradient_step_from_zero(kata):
    x, y = _data(9, 4, seed=1)
    lr = 0.1
    # At w = 0, b = 0 the gradient of mean((x @ w + b - y)²) is -2/N x^T y and -2 mean(y).
    w, b = kata.fit_line(x, y, 1, lr)
    check_tensor(w, lr * 2 * x.T @ y / len(y), f"w from {_call(x, 1, lr)}")
    check_tensor(b, lr * 2 * y.mean(), f"b from {_call(x, 1, lr)}")


def test_zero_steps_returns_zeros(kata):
    x, y = _data(6, 3, seed=2)
    w, b = kata.fit_line(x, y, 0, 0.1)
    check_tensor(w, torch.zeros(3), f"w from {_call(x, 0, 0.1)}")
    check_tensor(b, torch.zeros(()), f"b from {_call(x, 0, 0.1)}")


def test_fits_an_exact_line(kata):
    x, _ = _data(20, 2, seed=3)
    y = x @ torch.tensor([1.5, -2.0]) + 0.5
    w, b = kata.fit_line(x, y, 400, 0.1)
    check_tensor(w, torch.tensor([1.5, -2.0]), "w fitted to y = x @ [1.5, -2.0] + 0.5", atol=1e-3)
    check_tensor(b, torch.tensor(0.5), "b fitted to y = x @ [1.5, -2.0] + 0.5", atol=1e-3)


def test_w_and_b_stay_leaves_that_require_grad(kata):
    x, y = _data(8, 3, seed=4)
    got = kata.probe(leaf_probe, x, y)
    names = ["w.is_leaf", "w.requires_grad", "b.is_leaf", "b.requires_grad"]
    check_true(isinstance(got, list) and len(got) == 4, f"leaf_probe returned {got!r}")
    check_true(got == [True] * 4, _flags_message(got, names))
