"""Hidden-reference tests for ch05 · ex10 — gradient clipping."""

import pytest
import torch
from torch import nn

from grader.checks import check_number, check_tensor, check_true, hint, say


def _setup(seed):
    """A seeded two-layer regressor and a batch with large targets, so gradients are large."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x, y = torch.randn(9, 4, generator=g), 20 * torch.randn(9, 2, generator=g)
    return model, optimizer, x, y


def step_probe(mod, seed, max_norm, stale=False):
    """In the worker: one clipped step; record the gradients that optimizer.step() used. With
    `stale`, the model arrives holding the gradient of another batch, as after an earlier backward()."""
    model, optimizer, x, y = _setup(seed)
    if stale:
        nn.functional.mse_loss(model(-x), y.flip(0)).backward()
    used = []
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: used.append({n: p.grad.clone() for n, p in model.named_parameters()}))
    norm = mod.clipped_step(model, optimizer, nn.MSELoss(), x, y, max_norm)
    return {"norm": norm, "used": used, "state": model.state_dict()}


def unclipped_norm(seed):
    """The total gradient norm of the first loss, computed here without any learner code."""
    model, _, x, y = _setup(seed)
    nn.functional.mse_loss(model(x), y).backward()
    return torch.cat([p.grad.flatten() for p in model.parameters()]).norm().item()


def _used(got):
    steps = len(got["used"])
    check_true(steps == 1, f"clipped_step must call optimizer.step() once (got {steps})",
               f"clipped_step 必须调用一次 optimizer.step()（实际 {steps} 次）")
    return got["used"][0]


@pytest.mark.parametrize("seed, max_norm", [(0, 1.0), (1, 5.0)])
def test_returns_the_norm_before_clipping(kata, seed, max_norm):
    got = kata.probe(step_probe, seed, max_norm)["norm"]
    check_number(got, unclipped_norm(seed), say(f"clipped_step(..., max_norm={max_norm}), the total gradient "
                                                "norm before clipping",
                                                f"clipped_step(..., max_norm={max_norm})（裁剪前的梯度总范数）"),
                 atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("seed, max_norm", [(2, 1.0), (3, 0.5)])
def test_optimizer_step_sees_gradients_clipped_to_max_norm(kata, seed, max_norm):
    used = _used(kata.probe(step_probe, seed, max_norm))
    norm = torch.cat([g.flatten() for g in used.values()]).norm().item()
    check_true(norm <= max_norm * (1 + 1e-4), f"when optimizer.step() ran, the gradients had total norm "
               f"{norm:.4g}; clip_grad_norm_ must bring them down to max_norm={max_norm} before step()",
               f"optimizer.step() 运行时，梯度的总范数是 {norm:.4g}；clip_grad_norm_ 必须在 step() 之前"
               f"把它降到 max_norm={max_norm}")


def test_clipped_gradients_keep_their_direction(kata, ref):
    used = _used(kata.probe(step_probe, 4, 1.0))
    for name, value in _used(step_probe(ref, 4, 1.0)).items():
        with hint("clip_grad_norm_(model.parameters(), max_norm) scales all gradients together by one "
                  "factor; clipping each value or each tensor changes their direction",
                  "clip_grad_norm_(model.parameters(), max_norm) 用同一个系数整体缩放所有梯度；"
                  "逐个数值或逐个张量地裁剪会改变梯度的方向"):
            check_tensor(used[name], value, say(f"the gradient of {name} used by optimizer.step() (max_norm=1.0)",
                                                f"optimizer.step() 用到的 {name} 的梯度（max_norm=1.0）"))


def test_small_gradients_are_left_unchanged(kata, ref):
    used = _used(kata.probe(step_probe, 5, 1e6))
    for name, value in _used(step_probe(ref, 5, 1e6)).items():
        with hint("gradients whose total norm is below max_norm must not change",
                  "总范数低于 max_norm 的梯度不应被改变"):
            check_tensor(used[name], value,
                         say(f"the gradient of {name} used by optimizer.step() with max_norm=1e6",
                             f"max_norm=1e6 时 optimizer.step() 用到的 {name} 的梯度"))


def test_parameters_match_reference_after_the_step(kata, ref):
    got = kata.probe(step_probe, 6, 2.0)["state"]
    for name, value in step_probe(ref, 6, 2.0)["state"].items():
        check_tensor(got[name], value, say(f"model.state_dict()[{name!r}] after clipped_step(..., max_norm=2.0)",
                                           f"clipped_step(..., max_norm=2.0) 之后的 model.state_dict()[{name!r}]"))


def test_gradients_left_from_before_the_call_are_not_used(kata, ref):
    used = _used(kata.probe(step_probe, 7, 1.0, stale=True))
    for name, value in _used(step_probe(ref, 7, 1.0, stale=True)).items():
        with hint("the model may come in holding gradients from an earlier backward(): clear them with "
                  "optimizer.zero_grad() at the start of the step, before backward()",
                  "模型传进来时可能还带着之前某次 backward() 留下的梯度：请在训练步一开始、backward() 之前用 "
                  "optimizer.zero_grad() 清零"):
            check_tensor(used[name], value, say(f"the gradient of {name} used by optimizer.step() (max_norm=1.0), "
                                                "on a model that came in holding old gradients,",
                                                f"模型传进来时带着旧梯度，optimizer.step() 用到的 {name} 的梯度"
                                                "（max_norm=1.0）"))
