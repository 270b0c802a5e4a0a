"""Hidden-reference tests for ch05 · ex11 — SGD with momentum, by hand.

The expected trajectories come from torch.optim.SGD itself, run in the judge through the
same probe (`TORCH` stands in for the learner's module)."""

import types

import pytest
import torch
from torch import nn

from grader.checks import check_tensor, check_true, hint, say


def _model(seed, frozen=False):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3))
    if frozen:
        model[0].requires_grad_(False)  # its parameters never get a .grad
    return model


def _snapshot(model, what):
    return {n: getattr(p, what).detach().clone() for n, p in model.named_parameters()
            if getattr(p, what) is not None}


def trajectory_probe(mod, seed, lrs, momentum, zero_in_place=False, frozen=False):
    """In the worker: one step per entry of `lrs` (setting optimizer.lr to it before the step),
    each on a fresh seeded batch; record the parameters and gradients around every step."""
    model = _model(seed, frozen)
    g = torch.Generator().manual_seed(seed + 100)
    optimizer = mod.MomentumSGD(model.parameters(), lrs[0], momentum)
    steps = []
    for lr in lrs:
        x, y = torch.randn(6, 5, generator=g), torch.randn(6, 3, generator=g)
        model.zero_grad(set_to_none=not zero_in_place)
        nn.functional.mse_loss(model(x), y).backward()
        before, grads = _snapshot(model, "data"), _snapshot(model, "grad")
        optimizer.lr = lr
        try:
            optimizer.step()
            grad_enabled = torch.is_grad_enabled()
        finally:
            torch.set_grad_enabled(True)  # whatever step() left behind, the next backward() needs autograd
        steps.append({"before": before, "after": _snapshot(model, "data"), "grad": grads,
                      "grad_after": _snapshot(model, "grad"), "grad_enabled": grad_enabled})
    return steps


class TorchSGD:
    """torch.optim.SGD behind the kata's interface, for the expected trajectories."""

    def __init__(self, params, lr, momentum):
        self.optimizer = torch.optim.SGD(params, lr=lr, momentum=momentum)

    @property
    def lr(self):
        return self.optimizer.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value):
        self.optimizer.param_groups[0]["lr"] = value

    def step(self):
        self.optimizer.step()


TORCH = types.SimpleNamespace(MomentumSGD=TorchSGD)


def _call(lrs, momentum):
    shown = lrs[0] if len(set(lrs)) == 1 else say("changed before each step", "每步之前修改")
    return f"MomentumSGD(model.parameters(), lr={shown}, momentum={momentum})"


def _compare(got, expected, lrs, momentum):
    call = _call(lrs, momentum)
    for t, (mine, want) in enumerate(zip(got, expected, strict=True), start=1):
        moved = any(not torch.equal(mine["after"][n], mine["before"][n]) for n in want["grad"])
        check_true(moved, f"after step {t} of {call}, the parameters must have moved, but none changed: update "
                   "each parameter in place (p -= lr * buf), not a new tensor or a copy",
                   f"{call} 的第 {t} 步之后，参数必须发生变化，但一个都没变：请原地更新每个参数"
                   "（p -= lr * buf），而不是更新一个新张量或副本")
        for name, value in want["after"].items():
            check_tensor(mine["after"][name], value, say(f"parameter {name} after step {t} of {call}",
                                                         f"{call} 第 {t} 步之后的参数 {name}"))


def test_first_step_moves_each_parameter_by_lr_times_its_gradient(kata):
    lrs, momentum = [0.1], 0.9
    with hint("on a parameter's first step the buffer is a copy of the gradient (buf = g), not "
              "(1 - momentum) * g, so the first step is a plain SGD step: p -= lr * g",
              "参数第一步时，缓冲就是梯度的副本（buf = g），而不是 (1 - momentum) * g，所以第一步就是普通的 "
              "SGD 步：p -= lr * g"):
        _compare(kata.probe(trajectory_probe, 0, lrs, momentum), trajectory_probe(TORCH, 0, lrs, momentum),
                 lrs, momentum)


@pytest.mark.parametrize("seed, lr, momentum", [(1, 0.1, 0.9), (2, 0.05, 0.5), (3, 0.2, 0.99)])
def test_parameters_follow_torch_sgd_over_six_steps(kata, seed, lr, momentum):
    lrs = [lr] * 6
    with hint("the buffers must live in the object (self), from one step() to the next: buf = momentum * buf "
              "+ g after the first step",
              "缓冲必须保存在对象（self）里，从一次 step() 沿用到下一次：第一步之后 buf = momentum * buf + g"):
        _compare(kata.probe(trajectory_probe, seed, lrs, momentum),
                 trajectory_probe(TORCH, seed, lrs, momentum), lrs, momentum)


def test_learning_rate_changed_between_steps_scales_the_whole_step(kata):
    lrs, momentum = [0.1, 0.1, 0.02, 0.02, 0.3, 0.05], 0.9
    with hint("the buffer collects gradients only (buf = momentum * buf + g); the learning rate read from "
              "self.lr at this step multiplies the whole buffer (p -= self.lr * buf)",
              "缓冲只累积梯度（buf = momentum * buf + g）；这一步从 self.lr 读到的学习率乘以整个缓冲"
              "（p -= self.lr * buf）"):
        _compare(kata.probe(trajectory_probe, 4, lrs, momentum), trajectory_probe(TORCH, 4, lrs, momentum),
                 lrs, momentum)


def test_gradients_zeroed_in_place_do_not_change_the_buffers(kata):
    lrs, momentum = [0.1] * 5, 0.8
    with hint("store a copy of the gradient (p.grad.clone()) as the first buffer: zero_grad(set_to_none=False) "
              "zeroes p.grad in place, and a buffer that is p.grad itself is zeroed with it",
              "第一个缓冲要存梯度的副本（p.grad.clone()）：zero_grad(set_to_none=False) 会原地把 p.grad 清零，"
              "如果缓冲就是 p.grad 本身，也会一起被清零"):
        _compare(kata.probe(trajectory_probe, 5, lrs, momentum, True),
                 trajectory_probe(TORCH, 5, lrs, momentum, True), lrs, momentum)


def test_step_leaves_every_gradient_unchanged(kata):
    got = kata.probe(trajectory_probe, 6, [0.1] * 3, 0.9)
    for t, step in enumerate(got, start=1):
        for name, value in step["grad"].items():
            with hint("step() reads p.grad but must not write into it: compute the buffer in a tensor of its own",
                      "step() 只读取 p.grad，不能往里写：请把缓冲放在它自己的张量里计算"):
                check_true(name in step["grad_after"], f"after step {t}, parameter {name} must still have the "
                           ".grad that backward() gave it (got None)",
                           f"第 {t} 步之后，参数 {name} 必须仍带着 backward() 算出的 .grad（实际为 None）")
                check_tensor(step["grad_after"][name], value,
                             say(f"the .grad of {name} after step {t} (it must be what backward() left)",
                                 f"第 {t} 步之后 {name} 的 .grad（必须是 backward() 留下的值）"))


def test_step_leaves_autograd_switched_on(kata):
    got = kata.probe(trajectory_probe, 7, [0.1] * 2, 0.9)
    for t, step in enumerate(got, start=1):
        check_true(step["grad_enabled"], f"after step {t}, autograd must be switched on again "
                   "(torch.is_grad_enabled() is False), or the next backward() fails: update the parameters "
                   "inside `with torch.no_grad():`, not after torch.set_grad_enabled(False)",
                   f"第 {t} 步之后，自动求导必须重新打开（torch.is_grad_enabled() 为 False），否则下一次 "
                   "backward() 会失败：请在 `with torch.no_grad():` 里更新参数，"
                   "不要用 torch.set_grad_enabled(False)")


def test_parameters_without_a_gradient_are_skipped(kata):
    lrs, momentum = [0.1] * 4, 0.9
    with hint("a frozen parameter has p.grad None: skip it (if p.grad is None: continue), as torch.optim.SGD does",
              "被冻结的参数 p.grad 为 None：像 torch.optim.SGD 一样跳过它（if p.grad is None: continue）"):
        got = kata.probe(trajectory_probe, 8, lrs, momentum, False, True)
        for name, value in trajectory_probe(TORCH, 8, lrs, momentum, False, True)[-1]["after"].items():
            check_tensor(got[-1]["after"][name], value,
                         say(f"parameter {name} after 4 steps of {_call(lrs, momentum)}, with the first layer "
                             "frozen (its .grad is None)",
                             f"第一层被冻结（.grad 为 None）时，{_call(lrs, momentum)} 走 4 步之后的参数 {name}"))
