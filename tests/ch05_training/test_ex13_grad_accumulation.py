"""Hidden-reference tests for ch05 · ex13 — gradient accumulation.

The expected update is one ordinary step on the whole batch, computed here without any
learner code."""

import math
import types

import pytest
import torch
from torch import nn

from grader import probes
from grader.checks import check_number, check_tensor, check_true, hint, say


def _setup(seed, n, classify=False):
    """A seeded regressor (or 4-class classifier), its SGD optimizer, a batch and its loss."""
    torch.manual_seed(seed)
    out = 4 if classify else 3
    model = nn.Sequential(nn.Linear(5, 6), nn.Tanh(), nn.Linear(6, out))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    g = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(n, 5, generator=g)
    y = torch.randint(0, out, (n,), generator=g) if classify else torch.randn(n, out, generator=g)
    return model, optimizer, x, y, nn.CrossEntropyLoss() if classify else nn.MSELoss()


def _give_old_gradients(model, x, y, loss_fn):
    """Leave the gradient of another batch in .grad, as after an earlier backward()."""
    loss_fn(model(x.flip(0) * 3), y).backward()


def step_probe(mod, seed, n, k, classify=False, stale=False):
    """In the worker: one accumulated step; record the forward batch sizes, the backward passes,
    the gradients each optimizer.step() used, the result and the parameters afterwards."""
    model, optimizer, x, y, loss_fn = _setup(seed, n, classify)
    if stale:
        _give_old_gradients(model, x, y, loss_fn)
    sizes, used, result = [], [], []
    model.register_forward_pre_hook(lambda module, args: sizes.append(len(args[0])))
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: used.append({name: p.grad.clone() for name, p in model.named_parameters()}))

    def run():
        result.append(mod.accumulated_step(model, optimizer, loss_fn, x, y, k))

    backwards = probes.autograd_calls(types.SimpleNamespace(run=run), "run")
    return {"result": result[0], "sizes": sizes, "backwards": backwards, "used": used,
            "state": model.state_dict()}


def whole_batch_step(seed, n, classify=False, stale=False):
    """In the judge: one ordinary step on the whole batch."""
    model, optimizer, x, y, loss_fn = _setup(seed, n, classify)
    if stale:
        _give_old_gradients(model, x, y, loss_fn)
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    grads = {name: p.grad.clone() for name, p in model.named_parameters()}
    optimizer.step()
    return {"loss": loss.item(), "grads": grads, "state": model.state_dict()}


def _call(n, k):
    call = f"accumulated_step(model, optimizer, loss_fn, x, y, k={k})"
    return say(f"{call} with len(x) = {n}", f"len(x) = {n} 时的 {call}")


def _one_step(got, n, k):
    steps = len(got["used"])
    check_true(steps == 1, f"{_call(n, k)} must call optimizer.step() exactly once, after the last micro-batch "
               f"(got {steps})",
               f"{_call(n, k)} 必须在最后一个小批次之后只调用一次 optimizer.step()（实际 {steps} 次）")
    return got["used"][0]


def _check_update(got, want, n, k):
    used = _one_step(got, n, k)
    for name, value in want["grads"].items():
        check_tensor(used[name], value, say(f"the gradient of {name} used by optimizer.step() in {_call(n, k)} "
                                            "(it must be the whole batch's)",
                                            f"{_call(n, k)} 中 optimizer.step() 用到的 {name} 的梯度"
                                            "（必须等于整个批次的梯度）"))
    for name, value in want["state"].items():
        check_tensor(got["state"][name], value, say(f"parameter {name} after {_call(n, k)}",
                                                    f"{_call(n, k)} 之后的参数 {name}"))


@pytest.mark.parametrize("seed, n, k", [(0, 12, 3), (1, 10, 4)])
def test_returns_the_mean_loss_of_the_whole_batch(kata, seed, n, k):
    got = kata.probe(step_probe, seed, n, k)["result"]
    with hint("add up loss.item() of the scaled micro-batch losses: with uneven micro-batches, the plain average "
              "of their losses is not the mean over all samples",
              "把缩放后的各小批次损失的 loss.item() 加起来：小批次大小不均时，各损失的简单平均并不等于所有样本的平均"):
        check_number(got, whole_batch_step(seed, n)["loss"],
                     say(f"{_call(n, k)}, the mean loss of the whole batch",
                         f"{_call(n, k)}（整个批次的平均损失）"), atol=1e-5, rtol=1e-4)


def test_calls_optimizer_step_once(kata):
    _one_step(kata.probe(step_probe, 2, 12, 4), 12, 4)


@pytest.mark.parametrize("seed, n, k", [(3, 12, 3), (4, 8, 2), (5, 6, 6), (6, 7, 1)])
def test_update_equals_a_whole_batch_step_when_k_divides_the_batch(kata, seed, n, k):
    with hint("scale each micro-batch's loss by len(xb) / len(x) before backward(), and clear the gradients once, "
              "before the loop",
              "在 backward() 之前把每个小批次的损失乘以 len(xb) / len(x)，并且只在循环开始前清空一次梯度"):
        _check_update(kata.probe(step_probe, seed, n, k), whole_batch_step(seed, n), n, k)


@pytest.mark.parametrize("seed, n, k", [(7, 10, 4), (8, 9, 4), (9, 11, 3)])
def test_update_equals_a_whole_batch_step_with_uneven_micro_batches(kata, seed, n, k):
    with hint("when len(x) is not a multiple of k the micro-batches differ in size: scale each loss by "
              "len(xb) / len(x), not by 1 / k",
              "len(x) 不是 k 的倍数时，小批次大小各不相同：每个损失要乘以 len(xb) / len(x)，而不是 1 / k"):
        _check_update(kata.probe(step_probe, seed, n, k), whole_batch_step(seed, n), n, k)


def test_update_equals_a_whole_batch_step_for_a_classifier(kata):
    _check_update(kata.probe(step_probe, 10, 10, 3, True), whole_batch_step(10, 10, True), 10, 3)


@pytest.mark.parametrize("seed, n, k", [(11, 10, 4), (12, 12, 3)])
def test_each_micro_batch_has_its_own_forward_and_backward(kata, seed, n, k):
    got = kata.probe(step_probe, seed, n, k)
    sizes, largest = got["sizes"], math.ceil(n / k)
    check_true(sum(sizes) == n and max(sizes, default=0) <= largest,
               f"in {_call(n, k)}, the model must see each sample once, in micro-batches of at most {largest} "
               f"samples (got batches of {sizes})",
               f"在 {_call(n, k)} 中，模型必须把每个样本各看一次，每个小批次最多 {largest} 个样本"
               f"（实际批次大小为 {sizes}）")
    with hint("call backward() on each micro-batch's loss inside the loop: adding the losses up and calling "
              "backward() once keeps every micro-batch's graph in memory, which accumulation is meant to avoid",
              "在循环里对每个小批次的损失调用 backward()：把损失加起来最后只调用一次 backward()，会把所有小批次的"
              "计算图都留在内存里，而梯度累积正是为了避免这一点"):
        check_true(got["backwards"] == len(sizes),
                   f"{_call(n, k)} must call backward() once per micro-batch, {len(sizes)} times (got "
                   f"{got['backwards']})",
                   f"{_call(n, k)} 必须对每个小批次各调用一次 backward()，共 {len(sizes)} 次（实际 "
                   f"{got['backwards']} 次）")


def test_gradients_the_model_came_in_with_are_not_used(kata):
    with hint("the model may come in holding gradients from an earlier backward(): call optimizer.zero_grad() "
              "once, before the first micro-batch",
              "模型传进来时可能还带着之前某次 backward() 留下的梯度：请在第一个小批次之前调用一次 "
              "optimizer.zero_grad()"):
        _check_update(kata.probe(step_probe, 13, 10, 4, False, True), whole_batch_step(13, 10, False, True), 10, 4)
