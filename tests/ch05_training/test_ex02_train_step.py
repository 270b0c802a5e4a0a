"""Hidden-reference tests for ch05 · ex02 — one training step."""

import pytest
import torch
from torch import nn

from grader.checks import check_number, check_tensor, check_true, hint, say


def _setup(seed, task):
    """A small seeded model, optimizer, loss and batches, the same in judge and worker."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    if task == "classify":
        model = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3))
        criterion = nn.CrossEntropyLoss()
        batches = [(torch.randn(6, 5, generator=g), torch.randint(0, 3, (6,), generator=g)) for _ in range(3)]
    else:
        model = nn.Linear(4, 2)
        criterion = nn.MSELoss()
        batches = [(torch.randn(9, 4, generator=g), torch.randn(9, 2, generator=g)) for _ in range(3)]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.5)
    return model, optimizer, criterion, batches


def _grads(model):
    """The current .grad of every parameter by name (zeros where there is none)."""
    return {n: torch.zeros_like(p) if p.grad is None else p.grad.clone() for n, p in model.named_parameters()}


def steps_probe(mod, seed, task, stale=False):
    """In the worker: call train_step on each batch; record the gradients each step used. With
    `stale`, the model arrives holding the gradient of another batch, as after an earlier backward()."""
    model, optimizer, criterion, batches = _setup(seed, task)
    if stale:
        x, y = batches[-1]
        criterion(model(2 * x), y).backward()
    used = []
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: used.append(_grads(model)))
    returned = [mod.train_step(model, optimizer, criterion, x, y) for x, y in batches]
    return {"returned": returned, "used_grads": used, "state": model.state_dict()}


def fresh_grads_probe(mod, seed, task):
    """In the worker: the gradient of the first batch's loss at the initial parameters."""
    model, _, criterion, batches = _setup(seed, task)
    x, y = batches[0]
    criterion(model(x), y).backward()
    return {n: p.grad for n, p in model.named_parameters()}


def test_returns_the_loss_as_a_python_float(kata, ref):
    got = kata.probe(steps_probe, 0, "classify")["returned"][0]
    expected = steps_probe(ref, 0, "classify")["returned"][0]
    check_number(got, expected, "train_step(model, optimizer, criterion, x, y)")


def test_step_uses_the_gradient_of_the_loss(kata, ref):
    got = kata.probe(steps_probe, 2, "classify")["used_grads"]
    check_true(len(got) == 3, f"optimizer.step() must run once per call of train_step "
               f"(3 calls made {len(got)} steps)",
               f"每次调用 train_step 都必须运行一次 optimizer.step()（3 次调用执行了 {len(got)} 步）")
    for name, e in fresh_grads_probe(ref, 2, "classify").items():
        with hint("backward() must come before step(), and zero_grad() before backward()",
                  "backward() 必须在 step() 之前，zero_grad() 必须在 backward() 之前"):
            check_tensor(got[0][name], e, say(f"the gradient of {name} when optimizer.step() runs in the first "
                                              "train_step",
                                              f"第一次 train_step 中运行 optimizer.step() 时 {name} 的梯度"))


def test_each_step_uses_only_its_own_gradient(kata, ref):
    got = kata.probe(steps_probe, 3, "regress")["used_grads"]
    expected = steps_probe(ref, 3, "regress")["used_grads"]
    check_true(len(got) == len(expected), f"optimizer.step() must run once per call (got {len(got)} steps "
               f"for {len(expected)} calls)",
               f"每次调用都必须运行一次 optimizer.step()（{len(expected)} 次调用执行了 {len(got)} 步）")
    for step in range(1, len(expected)):
        for name, e in expected[step].items():
            with hint("old gradients added up? backward() adds to .grad: call optimizer.zero_grad() first",
                      "旧梯度累加进来了？backward() 会累加到 .grad 上：请先调用 optimizer.zero_grad()"):
                check_tensor(got[step][name], e, say(f"the {name} gradient used by optimizer.step() in call "
                                                     f"{step + 1} of train_step",
                                                     f"第 {step + 1} 次调用 train_step 时 optimizer.step() "
                                                     f"用到的 {name} 梯度"))


def test_gradients_left_from_before_the_call_are_not_used(kata, ref):
    got = kata.probe(steps_probe, 6, "classify", stale=True)["used_grads"]
    check_true(len(got) == 3, f"optimizer.step() must run once per call of train_step "
               f"(3 calls made {len(got)} steps)",
               f"每次调用 train_step 都必须运行一次 optimizer.step()（3 次调用执行了 {len(got)} 步）")
    for name, e in fresh_grads_probe(ref, 6, "classify").items():
        with hint("the model may come in holding gradients from an earlier backward(): clear them with "
                  "optimizer.zero_grad() at the start of the step, before backward(), not at its end",
                  "模型传进来时可能还带着之前某次 backward() 留下的梯度：请在训练步一开始、backward() 之前用 "
                  "optimizer.zero_grad() 清零，而不是在训练步的最后"):
            check_tensor(got[0][name], e, say(f"the gradient of {name} used by optimizer.step() in the first "
                                              "train_step, on a model that came in holding old gradients,",
                                              f"模型传进来时带着旧梯度，第一次 train_step 中 optimizer.step() "
                                              f"用到的 {name} 的梯度"))


@pytest.mark.parametrize("task", ["classify", "regress"])
def test_losses_match_reference_over_three_steps(kata, ref, task):
    got = kata.probe(steps_probe, 1, task)["returned"]
    expected = steps_probe(ref, 1, task)["returned"]
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        check_number(g, e, say(f"train_step(...) on batch {i} ({task})",
                               f"train_step(...) 在 batch {i} 上的返回值（{task}）"), atol=1e-5, rtol=1e-4)


@pytest.mark.parametrize("task", ["classify", "regress"])
def test_parameters_match_reference_after_three_steps(kata, ref, task):
    got = kata.probe(steps_probe, 4, task)["state"]
    expected = steps_probe(ref, 4, task)["state"]
    for name, value in expected.items():
        check_tensor(got[name], value, say(f"model.state_dict()[{name!r}] after 3 calls of train_step",
                                           f"调用 3 次 train_step 之后的 model.state_dict()[{name!r}]"))
