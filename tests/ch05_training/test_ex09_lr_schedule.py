"""Hidden-reference tests for ch05 · ex09 — a learning-rate schedule."""

import pytest
import torch
from torch import nn

from grader.checks import check_number, check_tensor, check_true, hint, say


def _setup(seed, n_batches):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Linear(4, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    batches = [(torch.randn(6, 4, generator=g), torch.randn(6, 2, generator=g)) for _ in range(n_batches)]
    return model, optimizer, batches


def schedule_probe(mod, seed, n_batches, epochs, step_size, gamma):
    """In the worker: train with the learner's schedule; record the lr at every optimizer.step()."""
    model, optimizer, batches = _setup(seed, n_batches)
    step_lrs = []
    optimizer.register_step_pre_hook(lambda opt, args, kwargs: step_lrs.append(opt.param_groups[0]["lr"]))
    lrs = mod.train_with_schedule(model, optimizer, nn.MSELoss(), batches, epochs, step_size, gamma)
    return {"lrs": lrs, "step_lrs": step_lrs, "state": model.state_dict()}


CASES = [(0, 3, 5, 2, 0.5), (1, 2, 4, 1, 0.1), (2, 4, 6, 3, 0.3)]


@pytest.mark.parametrize("seed, n_batches, epochs, step_size, gamma", CASES)
def test_returns_the_lr_of_each_epoch(kata, ref, seed, n_batches, epochs, step_size, gamma):
    got = kata.probe(schedule_probe, seed, n_batches, epochs, step_size, gamma)["lrs"]
    expected = schedule_probe(ref, seed, n_batches, epochs, step_size, gamma)["lrs"]
    what = f"train_with_schedule(..., epochs={epochs}, step_size={step_size}, gamma={gamma})"
    check_true(isinstance(got, list) and len(got) == epochs,
               f"{what} must return a list with one lr per epoch (got {got!r})",
               f"{what} 必须返回一个列表，每个 epoch 一个 lr（实际得到 {got!r}）")
    for epoch, value in enumerate(expected):
        with hint(f"all epochs: expected {expected}, got {got}", f"所有 epoch：应为 {expected}，实际为 {got}"):
            check_number(got[epoch], value, say(f"{what}[{epoch}], the lr of epoch {epoch},",
                                                f"{what}[{epoch}]（epoch {epoch} 的 lr）"),
                         atol=1e-9, rtol=1e-6)


def test_every_optimizer_step_of_an_epoch_uses_that_epochs_lr(kata, ref):
    got = kata.probe(schedule_probe, 3, 3, 5, 2, 0.5)["step_lrs"]
    expected = schedule_probe(ref, 3, 3, 5, 2, 0.5)["step_lrs"]
    check_true(len(got) == len(expected), f"5 epochs of 3 batches must make {len(expected)} optimizer steps "
               f"(got {len(got)})",
               f"5 个 epoch、每个 3 个 batch，必须执行 {len(expected)} 次 optimizer step（实际 {len(got)} 次）")
    for i, value in enumerate(expected):
        with hint("call scheduler.step() once per epoch, after the epoch's batches",
                  "每个 epoch 调用一次 scheduler.step()，放在这个 epoch 的所有 batch 之后"):
            check_number(got[i], value, say(f"the lr in use at optimizer step {i} "
                                            f"(epoch {i // 3}, batch {i % 3})",
                                            f"optimizer step {i} 时使用的 lr（epoch {i // 3}，batch {i % 3}）"),
                         atol=1e-9, rtol=1e-6)


def test_parameters_match_reference_after_training(kata, ref):
    got = kata.probe(schedule_probe, 4, 2, 4, 2, 0.5)["state"]
    for name, value in schedule_probe(ref, 4, 2, 4, 2, 0.5)["state"].items():
        check_tensor(got[name], value, say(f"model.state_dict()[{name!r}] after train_with_schedule(...)",
                                           f"train_with_schedule(...) 之后的 model.state_dict()[{name!r}]"))
