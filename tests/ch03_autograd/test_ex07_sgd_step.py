"""Hidden-reference tests for ch03 · ex07 — one gradient-descent step by hand."""

import pytest
import torch

from grader.checks import check_number, check_tensor, check_true, hint, say

LR = 0.05


def problem(n, d, seed):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(d, generator=gen), torch.randn(n, d, generator=gen), torch.randn(n, generator=gen)


def steps_probe(mod, w, x, y, lr, steps):
    """Worker (and judge, with `ref`): take `steps` steps on one leaf w; report what became of it."""
    w = w.clone().requires_grad_(True)
    try:
        losses = [mod.sgd_step(w, x, y, lr) for _ in range(steps)]
        grad_enabled = torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(True)  # whatever sgd_step left behind, the next call starts with autograd on
    return {
        "losses": losses,
        "grad_enabled": grad_enabled,
        "w": w.detach().clone(),
        "is_leaf": w.is_leaf,
        "requires_grad": w.requires_grad,
        "grad": None if w.grad is None else w.grad.clone(),
        "version": w._version,
    }


@pytest.mark.parametrize("n, d, seed", [(6, 3, 0), (4, 5, 1)])
def test_returns_the_loss_before_the_step(kata, ref, n, d, seed):
    w, x, y = problem(n, d, seed)
    got = kata.probe(steps_probe, w, x, y, LR, 1)["losses"][0]
    check_number(got, steps_probe(ref, w, x, y, LR, 1)["losses"][0], "sgd_step(w, x, y, lr)")


@pytest.mark.parametrize("n, d, seed", [(6, 3, 2), (4, 5, 3)])
def test_updates_the_callers_w_in_place(kata, ref, n, d, seed):
    w, x, y = problem(n, d, seed)
    got = kata.probe(steps_probe, w, x, y, LR, 1)
    check_true(not torch.equal(got["w"], w),
               "after sgd_step(w, x, y, lr) the caller's w still holds its old values: update it in "
               "place (w -= lr * w.grad), not with w = w - lr * w.grad, which makes a new tensor",
               "调用 sgd_step(w, x, y, lr) 之后，调用方的 w 仍是旧值：请原地更新（w -= lr * w.grad），"
               "不要写 w = w - lr * w.grad，那样会创建一个新张量")
    check_tensor(got["w"], steps_probe(ref, w, x, y, LR, 1)["w"],
                 say("w after sgd_step(w, x, y, lr)", "调用 sgd_step(w, x, y, lr) 之后的 w"))


def test_w_stays_a_leaf_that_requires_grad(kata):
    w, x, y = problem(6, 3, 4)
    with hint("update w in place inside `with torch.no_grad():`: while autograd records, it refuses to "
              "change a leaf that requires grad in place",
              "请在 `with torch.no_grad():` 里原地更新 w：autograd 记录运算时，不允许原地修改需要梯度的叶子张量"):
        got = kata.probe(steps_probe, w, x, y, LR, 1)
        check_true(got["is_leaf"] and got["requires_grad"],
                   f"after sgd_step(w, x, y, lr), w must be a leaf that requires grad (got is_leaf="
                   f"{got['is_leaf']}, requires_grad={got['requires_grad']})",
                   f"调用 sgd_step(w, x, y, lr) 之后，w 必须是 requires_grad 的叶子张量（实际 is_leaf="
                   f"{got['is_leaf']}，requires_grad={got['requires_grad']}）")


def test_leaves_autograd_switched_on(kata):
    w, x, y = problem(6, 3, 8)
    got = kata.probe(steps_probe, w, x, y, LR, 1)
    check_true(got["grad_enabled"],
               "after sgd_step(w, x, y, lr), autograd must be switched on again (torch.is_grad_enabled() is "
               "False), or the next step cannot call backward: update w inside `with torch.no_grad():`, "
               "not after torch.set_grad_enabled(False)",
               "调用 sgd_step(w, x, y, lr) 之后，autograd 必须重新打开（torch.is_grad_enabled() 为 False），"
               "否则下一步无法调用 backward：请在 `with torch.no_grad():` 里更新 w，"
               "不要用 torch.set_grad_enabled(False)")


def test_clears_the_gradient_after_the_step(kata):
    w, x, y = problem(6, 3, 5)
    grad = kata.probe(steps_probe, w, x, y, LR, 1)["grad"]
    check_true(grad is None or not bool(grad.abs().sum()),
               f"after sgd_step(w, x, y, lr), w.grad must be cleared (w.grad.zero_()), got {grad}: "
               "otherwise the next step's gradient adds onto this one",
               f"调用 sgd_step(w, x, y, lr) 之后必须清空 w.grad（w.grad.zero_()），实际为 {grad}："
               "否则下一步的梯度会累加到这一步的梯度上")


def test_three_steps_match_three_reference_steps(kata, ref):
    w, x, y = problem(8, 4, 6)
    got = kata.probe(steps_probe, w, x, y, LR, 3)
    expected = steps_probe(ref, w, x, y, LR, 3)
    for i, (g, e) in enumerate(zip(got["losses"], expected["losses"], strict=True)):
        check_number(g, e, say(f"the loss returned by step {i + 1} of sgd_step(w, x, y, lr)",
                               f"第 {i + 1} 次调用 sgd_step(w, x, y, lr) 返回的 loss"), rtol=1e-4)
    check_tensor(got["w"], expected["w"],
                 say("w after 3 calls to sgd_step(w, x, y, lr)", "调用 3 次 sgd_step(w, x, y, lr) 之后的 w"))


def test_update_goes_through_w_so_autograd_sees_it(kata):
    w, x, y = problem(6, 3, 7)
    got = kata.probe(steps_probe, w, x, y, LR, 1)
    check_true(got["version"] > 0,
               "sgd_step changed w behind autograd's back (through w.data?): write the update as "
               "`with torch.no_grad(): w -= lr * w.grad`, so autograd knows w changed",
               "sgd_step 绕过 autograd 修改了 w（用了 w.data？）：请把更新写成 "
               "`with torch.no_grad(): w -= lr * w.grad`，这样 autograd 才知道 w 变了")
