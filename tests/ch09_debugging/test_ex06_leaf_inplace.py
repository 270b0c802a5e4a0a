"""Hidden-reference tests for ch09 · ex06 — updating a leaf tensor that requires grad."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say


def _data(n, d, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, d, generator=g), torch.randn(n, generator=g)


def leaf_probe(mod, x, y):
    w, b = mod.fit_line(x, y, 5, 0.05)
    return [w.is_leaf, w.requires_grad, b.is_leaf, b.requires_grad]


def grad_mode_probe(mod, x, y):
    """In the worker: whether grad mode is still on after fit_line (it is on before)."""
    torch.set_grad_enabled(True)
    mod.fit_line(x, y, 1, 0.1)
    return torch.is_grad_enabled()


def _flags_message(got, names):
    wrong = [say(f"{n} is {g}", f"{n} 为 {g}") for n, g in zip(names, got, strict=True) if g is not True]
    return say("fit_line(x, y, 5, 0.05) must return w and b themselves: leaf tensors that still require grad "
               f"(got {', '.join(wrong)}; update them in place under torch.no_grad(), do not detach them)",
               "fit_line(x, y, 5, 0.05) 必须返回 w 和 b 本身：仍然 requires_grad 的叶子张量"
               f"（实际 {'，'.join(wrong)}；请在 torch.no_grad() 下原地更新它们，不要 detach）")


def _call(x, steps, lr):
    return say(f"fit_line(x, y, steps={steps}, lr={lr}) with x of shape {tuple(x.shape)}",
               f"x 形状为 {tuple(x.shape)} 时的 fit_line(x, y, steps={steps}, lr={lr})")


@pytest.mark.parametrize("n, d, steps, lr", [(12, 3, 25, 0.05), (7, 5, 40, 0.02), (30, 1, 10, 0.1)])
def test_matches_reference(kata, ref, n, d, steps, lr):
    x, y = _data(n, d, seed=n + d)
    w, b = kata.fit_line(x, y, steps, lr)
    ew, eb = ref.fit_line(x, y, steps, lr)
    check_tensor(w, ew.detach(), say(f"w from {_call(x, steps, lr)}", f"{_call(x, steps, lr)} 返回的 w"))
    check_tensor(b, eb.detach(), say(f"b from {_call(x, steps, lr)}", f"{_call(x, steps, lr)} 返回的 b"))


def test_one_step_is_one_gradient_step_from_zero(kata):
    x, y = _data(9, 4, seed=1)
    lr = 0.1
    # At w = 0, b = 0 the gradient of mean((x @ w + b - y)²) is -2/N x^T y and -2 mean(y).
    w, b = kata.fit_line(x, y, 1, lr)
    check_tensor(w, lr * 2 * x.T @ y / len(y), say(f"w from {_call(x, 1, lr)}", f"{_call(x, 1, lr)} 返回的 w"))
    check_tensor(b, lr * 2 * y.mean(), say(f"b from {_call(x, 1, lr)}", f"{_call(x, 1, lr)} 返回的 b"))


def test_zero_steps_returns_zeros(kata):
    x, y = _data(6, 3, seed=2)
    w, b = kata.fit_line(x, y, 0, 0.1)
    check_tensor(w, torch.zeros(3), say(f"w from {_call(x, 0, 0.1)}", f"{_call(x, 0, 0.1)} 返回的 w"))
    check_tensor(b, torch.zeros(()), say(f"b from {_call(x, 0, 0.1)}", f"{_call(x, 0, 0.1)} 返回的 b"))


def test_fits_an_exact_line(kata):
    x, _ = _data(20, 2, seed=3)
    y = x @ torch.tensor([1.5, -2.0]) + 0.5
    w, b = kata.fit_line(x, y, 400, 0.1)
    check_tensor(w, torch.tensor([1.5, -2.0]), say("w fitted to y = x @ [1.5, -2.0] + 0.5",
                                                   "拟合 y = x @ [1.5, -2.0] + 0.5 得到的 w"), atol=1e-3)
    check_tensor(b, torch.tensor(0.5), say("b fitted to y = x @ [1.5, -2.0] + 0.5",
                                           "拟合 y = x @ [1.5, -2.0] + 0.5 得到的 b"), atol=1e-3)


def test_w_and_b_stay_leaves_that_require_grad(kata):
    x, y = _data(8, 3, seed=4)
    got = kata.probe(leaf_probe, x, y)
    names = ["w.is_leaf", "w.requires_grad", "b.is_leaf", "b.requires_grad"]
    check_true(isinstance(got, list) and len(got) == 4, f"leaf_probe returned {got!r}",
               f"leaf_probe 返回了 {got!r}")
    check_true(got == [True] * 4, _flags_message(got, names))


def test_leaves_grad_mode_on(kata):
    x, y = _data(6, 2, seed=5)
    got = kata.probe(grad_mode_probe, x, y)
    check_true(got is True,
               "fit_line(x, y, 1, 0.1) must leave grad mode on (afterwards torch.is_grad_enabled() is "
               f"{got}): use `with torch.no_grad():`, which switches it back on, instead of "
               "torch.set_grad_enabled(False)",
               "fit_line(x, y, 1, 0.1) 之后梯度模式必须仍然打开（调用后 torch.is_grad_enabled() 为 "
               f"{got}）：请用 `with torch.no_grad():`，它结束时会自动恢复，而不是 torch.set_grad_enabled(False)")
