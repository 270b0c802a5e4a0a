"""Hidden-reference tests for ch09 · ex05 — a checkpoint that resumes training exactly."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import check_equal, check_tensor, check_true, say

TOTAL = 10  # steps of the whole run


def _build(seed, optimizer):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 7), nn.BatchNorm1d(7), nn.Tanh(), nn.Linear(7, 3))
    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.05)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    return model, opt


def _train(model, opt, start, stop):
    """Steps start..stop-1; the batch of step i depends only on i."""
    model.train()
    for step in range(start, stop):
        g = torch.Generator().manual_seed(1000 + step)
        x, y = torch.randn(8, 5, generator=g), torch.randn(8, 3, generator=g)
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()


def _trained(steps, optimizer):
    """The model and optimizer after `steps` steps from the start (no learner code: also run in the judge)."""
    model, opt = _build(0, optimizer)
    _train(model, opt, 0, steps)
    return model, opt


def resume_probe(mod, path, k, optimizer):
    """In the worker: k steps + save + load + the rest (the judge trains TOTAL steps straight itself)."""
    first, opt = _trained(k, optimizer)
    mod.save_checkpoint(path, first, opt, k)
    resumed, opt = _build(1, optimizer)  # fresh objects, other initial weights
    start = mod.load_checkpoint(path, resumed, opt)
    _train(resumed, opt, start, TOTAL)
    return {"start": start, "resumed": resumed.state_dict()}


def restored_probe(mod, path, k):
    """In the worker: what a fresh model and optimizer hold right after load_checkpoint."""
    model, opt = _trained(k, "adam")
    mod.save_checkpoint(path, model, opt, k)
    fresh, fresh_opt = _build(1, "adam")
    mod.load_checkpoint(path, fresh, fresh_opt)
    return {"model": fresh.state_dict(), "optimizer": fresh_opt.state_dict()["state"],
            "training": {name or "(the model)": m.training for name, m in fresh.named_modules()}}


def file_probe(mod, path):
    """In the worker: the error torch.load(path, weights_only=True) raises on the file save_checkpoint
    wrote, or None (any layout of plain containers, tensors and numbers loads)."""
    model, opt = _build(0, "adam")
    _train(model, opt, 0, 2)
    mod.save_checkpoint(path, model, opt, 2)
    try:
        torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:
        return type(e).__name__
    return None


def saved_tensors_probe(mod, path, k):
    """In the worker: every tensor in the file save_checkpoint wrote after k Adam steps, in any layout
    of dicts, lists and tuples (None when torch.load(path, weights_only=True) cannot read it)."""
    model, opt = _trained(k, "adam")
    mod.save_checkpoint(path, model, opt, k)
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        return None
    tensors, todo = [], [saved]
    while todo:
        item = todo.pop()
        if isinstance(item, torch.Tensor):
            tensors.append(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, (list, tuple)):
            todo.extend(item)
    return tensors


def test_load_checkpoint_returns_the_saved_step(kata, kata_tmp):
    got = kata.probe(resume_probe, str(kata_tmp / "ckpt.pt"), 4, "adam")
    check_equal(got["start"], 4, say("load_checkpoint(path, model, optimizer) after save_checkpoint(path, model, "
                                     "optimizer, 4)",
                                     "save_checkpoint(path, model, optimizer, 4) 之后的 "
                                     "load_checkpoint(path, model, optimizer)"))


def test_fresh_model_gets_the_saved_weights_and_buffers(kata, kata_tmp):
    got = kata.probe(restored_probe, str(kata_tmp / "ckpt.pt"), 3)["model"]
    saved = _trained(3, "adam")[0].state_dict()  # what save_checkpoint was given, computed here in the judge
    for name, expected in saved.items():
        check_tensor(got.get(name), expected,
                     say(f"after load_checkpoint, the fresh model's state_dict()[{name!r}]",
                         f"load_checkpoint 之后，新模型的 state_dict()[{name!r}]"), atol=0, rtol=0)


def test_fresh_optimizer_gets_the_saved_state(kata, kata_tmp):
    got = kata.probe(restored_probe, str(kata_tmp / "ckpt.pt"), 3)["optimizer"]
    saved = _trained(3, "adam")[1].state_dict()["state"]  # computed here in the judge
    check_true(len(got) == len(saved),
               f"after load_checkpoint, the fresh Adam optimizer must hold the saved state of {len(saved)} "
               f"parameters (got {len(got)}): save and load optimizer.state_dict() too, or Adam restarts "
               "its running averages from zero",
               f"load_checkpoint 之后，新的 Adam 优化器必须带有已保存的 {len(saved)} 个参数的状态"
               f"（实际为 {len(got)} 个）：optimizer.state_dict() 也要保存和加载，否则 Adam 的滑动平均会从零重新开始")
    for index, state in saved.items():
        for key, expected in state.items():
            check_tensor(got[index][key], expected,
                         say(f"after load_checkpoint, the optimizer's state[{index}][{key!r}]",
                             f"load_checkpoint 之后，优化器的 state[{index}][{key!r}]"))


def test_checkpoint_file_holds_the_optimizer_state(kata, kata_tmp):
    tensors = kata.probe(saved_tensors_probe, str(kata_tmp / "ckpt.pt"), 3)
    check_true(tensors is not None,
               "torch.load(path, weights_only=True) must read the file save_checkpoint wrote: save "
               "model.state_dict() and optimizer.state_dict(), not the model or optimizer objects",
               "torch.load(path, weights_only=True) 必须能读取 save_checkpoint 写出的文件：请保存 "
               "model.state_dict() 和 optimizer.state_dict()，而不是模型或优化器对象本身")
    saved = _trained(3, "adam")[1].state_dict()["state"]  # computed here in the judge
    for index, state in saved.items():
        for key in ("exp_avg", "exp_avg_sq"):
            expected = state[key]
            found = any(isinstance(t, torch.Tensor) and t.shape == expected.shape and t.dtype == expected.dtype
                        and torch.allclose(t, expected, rtol=1e-4, atol=1e-8) for t in tensors)
            check_true(found,
                       f"the file save_checkpoint wrote must hold the optimizer's state (Adam's {key} of parameter "
                       f"{index} is not in it): save optimizer.state_dict() too",
                       f"save_checkpoint 写出的文件必须包含优化器的状态（其中没有参数 {index} 的 Adam {key}）："
                       "optimizer.state_dict() 也要保存")


def test_fresh_model_stays_in_training_mode(kata, kata_tmp):
    flags = kata.probe(restored_probe, str(kata_tmp / "ckpt.pt"), 3)["training"]
    off = [name for name, flag in flags.items() if not flag]
    check_true(not off,
               f"after load_checkpoint the model must still be in training mode ({len(off)} modules are in eval "
               f"mode: {', '.join(off[:3])}{', ...' if len(off) > 3 else ''}): training goes on, so do not call "
               "model.eval()",
               f"load_checkpoint 之后模型必须仍处于训练模式（有 {len(off)} 个模块处于 eval 模式："
               f"{', '.join(off[:3]).replace('(the model)', '模型本身')}{', ...' if len(off) > 3 else ''}）："
               "训练还要继续，所以不要调用 model.eval()")


@pytest.mark.parametrize("optimizer", ["adam", "sgd_momentum"])
@pytest.mark.parametrize("k", [4, 1])
def test_resumed_training_ends_exactly_where_straight_training_does(kata, kata_tmp, optimizer, k):
    got = kata.probe(resume_probe, str(kata_tmp / "ckpt.pt"), k, optimizer)
    straight = _trained(TOTAL, optimizer)[0].state_dict()  # TOTAL steps without a checkpoint, in the judge
    for name, expected in straight.items():
        check_tensor(got["resumed"][name], expected,
                     say(f"{name!r} after {k} steps, save_checkpoint, load_checkpoint into fresh objects and the "
                         f"remaining steps ({optimizer}), compared with {TOTAL} steps straight",
                         f"先训练 {k} 步、save_checkpoint、load_checkpoint 到新对象、再跑完剩下的步数（{optimizer}）"
                         f"之后的 {name!r}（与直接训练 {TOTAL} 步的结果比较）"),
                     atol=1e-6, rtol=1e-5)


def test_checkpoint_file_loads_with_weights_only(kata, kata_tmp):
    error = kata.probe(file_probe, str(kata_tmp / "ckpt.pt"))
    check_true(error is None,
               f"torch.load(path, weights_only=True) must read the file save_checkpoint wrote (it raised {error}): "
               "save model.state_dict() and optimizer.state_dict(), not the model or optimizer objects",
               f"torch.load(path, weights_only=True) 必须能读取 save_checkpoint 写出的文件（实际抛出了 {error}）："
               "请保存 model.state_dict() 和 optimizer.state_dict()，而不是模型或优化器对象本身")
