"""Hidden-reference tests for ch05 · ex08 — AdamW with weight decay."""

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_number, check_tensor, check_true, hint, say


def _model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(5, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 3))


def _conv_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(16, 2))


def groups_probe(mod, lr, weight_decay, conv=False):
    """In the worker: build the optimizer; report, per parameter name, its group's settings."""
    model = _conv_model(0) if conv else _model(0)
    optimizer = mod.make_adamw(model, lr=lr, weight_decay=weight_decay)
    names = {id(p): n for n, p in model.named_parameters()}
    seen = []
    settings = {}
    for group in optimizer.param_groups:
        for p in group["params"]:
            seen.append(names.get(id(p), say("a tensor that is not a parameter of the model",
                                             "一个不属于模型参数的张量")))
            settings[seen[-1]] = {"lr": float(group["lr"]), "weight_decay": float(group["weight_decay"])}
    return {"type": type(optimizer).__name__, "seen": sorted(seen), "settings": settings}


def train_probe(mod, seed, lr, weight_decay, steps):
    """In the worker: take a few optimizer steps on seeded data; return the parameters."""
    model = _model(seed)
    optimizer = mod.make_adamw(model, lr=lr, weight_decay=weight_decay)
    g = torch.Generator().manual_seed(seed + 1)
    for _ in range(steps):
        x, y = torch.randn(10, 5, generator=g), torch.randint(0, 3, (10,), generator=g)
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model.state_dict()


ALL = ["0.bias", "0.weight", "1.bias", "1.weight", "3.bias", "3.weight"]


def _setting(settings, name, key):
    check_true(name in settings, f"parameter {name} is in no parameter group of make_adamw(model, ...)",
               f"参数 {name} 不在 make_adamw(model, ...) 的任何参数组里")
    return settings[name][key]


def test_every_parameter_is_in_exactly_one_group(kata):
    got = kata.probe(groups_probe, 0.01, 0.1)
    check_equal(got["seen"], ALL, say("the parameters (by name) in make_adamw(model, ...).param_groups",
                                      "make_adamw(model, ...).param_groups 里的参数（按名字）"))


def test_weight_matrices_are_decayed(kata):
    got = kata.probe(groups_probe, 0.01, 0.1)["settings"]
    for name in ("0.weight", "3.weight"):
        check_number(_setting(got, name, "weight_decay"), 0.1, say(f"the weight_decay of {name} (a weight "
                                                                   "matrix) in make_adamw(model, lr=0.01, "
                                                                   "weight_decay=0.1)",
                                                                   "make_adamw(model, lr=0.01, weight_decay=0.1) "
                                                                   f"中 {name}（权重矩阵）的 weight_decay"))


@pytest.mark.parametrize("name", ["0.bias", "1.weight", "1.bias", "3.bias"])
def test_biases_and_norm_parameters_are_not_decayed(kata, name):
    got = kata.probe(groups_probe, 0.01, 0.1)["settings"]
    what = say("a LayerNorm parameter", "LayerNorm 参数") if name.startswith("1.") else say("a bias", "偏置")
    check_number(_setting(got, name, "weight_decay"), 0.0,
                 say(f"the weight_decay of {name} ({what}, 1-D) in make_adamw(model, lr=0.01, weight_decay=0.1)",
                     f"make_adamw(model, lr=0.01, weight_decay=0.1) 中 {name}（{what}，一维）的 weight_decay"))


CONV = {"0.weight": (0.1, "a 4-D convolution kernel", "四维卷积核"), "0.bias": (0.0, "a bias", "偏置"),
        "1.weight": (0.0, "a BatchNorm parameter", "BatchNorm 参数"), "1.bias": (0.0, "a BatchNorm parameter",
                                                                             "BatchNorm 参数"),
        "4.weight": (0.1, "a weight matrix", "权重矩阵"), "4.bias": (0.0, "a bias", "偏置")}


CONV = {  # name: (weight decay, what it is, in English and Chinese)
    "0.weight": (0.1, "a 4-D convolution kernel", "四维卷积核"),
    "0.bias": (0.0, "a 1-D bias", "一维偏置"),
    "1.weight": (0.0, "a 1-D BatchNorm parameter", "一维 BatchNorm 参数"),
    "1.bias": (0.0, "a 1-D BatchNorm parameter", "一维 BatchNorm 参数"),
    "4.weight": (0.1, "a 2-D weight matrix", "二维权重矩阵"),
    "4.bias": (0.0, "a 1-D bias", "一维偏置"),
}


def test_conv_kernels_are_decayed_and_batch_norm_is_not(kata):
    got = kata.probe(groups_probe, 0.01, 0.1, conv=True)["settings"]
    for name, (decay, en, zh) in CONV.items():
        check_number(_setting(got, name, "weight_decay"), decay,
                     say(f"the weight_decay of {name} ({en}) in make_adamw(model, lr=0.01, weight_decay=0.1) "
                         "for a model of Conv2d, BatchNorm2d and Linear",
                         f"对由 Conv2d、BatchNorm2d 和 Linear 组成的模型调用 make_adamw(model, lr=0.01, "
                         f"weight_decay=0.1) 时，{name}（{zh}）的 weight_decay"))


def test_every_group_uses_the_learning_rate(kata):
    got = kata.probe(groups_probe, 0.003, 0.05)["settings"]
    for name in ALL:
        check_number(_setting(got, name, "lr"), 0.003,
                     say(f"the lr of {name} in make_adamw(model, lr=0.003, ...)",
                         f"make_adamw(model, lr=0.003, ...) 中 {name} 的 lr"))


def test_is_an_adamw_optimizer(kata):
    got = kata.probe(groups_probe, 0.01, 0.1)["type"]
    check_true(got == "AdamW", f"make_adamw must return a torch.optim.AdamW (got {got})",
               f"make_adamw 必须返回 torch.optim.AdamW（实际得到 {got}）")


@pytest.mark.parametrize("seed, lr, weight_decay", [(1, 0.01, 0.1), (2, 0.05, 0.5)])
def test_parameters_after_steps_match_adamw(kata, ref, seed, lr, weight_decay):
    got = kata.probe(train_probe, seed, lr, weight_decay, 3)
    for name, value in train_probe(ref, seed, lr, weight_decay, 3).items():
        with hint("AdamW shrinks the weights directly; Adam's weight_decay adds to the gradient instead",
                  "AdamW 直接按比例缩小权重；而 Adam 的 weight_decay 是加到梯度上的"):
            check_tensor(got[name], value, say(f"parameter {name} after 3 steps of make_adamw(model, lr={lr}, "
                                               f"weight_decay={weight_decay})",
                                               f"用 make_adamw(model, lr={lr}, weight_decay={weight_decay}) "
                                               f"走 3 步之后的参数 {name}"))
