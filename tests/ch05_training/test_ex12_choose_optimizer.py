"""Hidden-reference tests for ch05 · ex12 — choosing an optimizer by name."""

import pytest
import torch
from torch import nn

from grader.checks import check_tensor, check_true, hint, say

CLASSES = {"sgd": "SGD", "momentum": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop",
           "adagrad": "Adagrad"}
NAMES = list(CLASSES)


def _model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3))


def build_probe(mod, name, lr, weight_decay=None, generator=False):
    """In the worker: build the optimizer for a seeded model; report its class and settings."""
    model = _model(0)
    params = model.parameters() if generator else list(model.parameters())
    if weight_decay is None:
        optimizer = mod.make_optimizer(name, params, lr)
    else:
        optimizer = mod.make_optimizer(name, params, lr, weight_decay)
    groups = optimizer.state_dict()["param_groups"]
    return {"type": type(optimizer).__name__, "count": sum(len(g["params"]) for g in groups),
            "groups": [{k: v for k, v in g.items() if k != "params"} for g in groups]}


def steps_probe(mod, name, seed, lr, weight_decay):
    """In the worker: three optimizer steps on seeded batches; return the parameters."""
    model = _model(seed)
    optimizer = mod.make_optimizer(name, list(model.parameters()), lr, weight_decay)
    g = torch.Generator().manual_seed(seed + 1)
    for _ in range(3):
        x, y = torch.randn(8, 5, generator=g), torch.randn(8, 3, generator=g)
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    return model.state_dict()


def error_probe(mod, name):
    """In the worker: what make_optimizer raises for `name`."""
    try:
        mod.make_optimizer(name, list(_model(0).parameters()), 0.1)
    except NotImplementedError:
        raise  # the untouched stub: not started
    except Exception as e:  # noqa: BLE001 (the learner's code may raise anything)
        return {"type": type(e).__name__, "value_error": isinstance(e, ValueError), "message": str(e)}
    return None


def _call(name, lr, weight_decay=None):
    wd = "" if weight_decay is None else f", weight_decay={weight_decay}"
    return f"make_optimizer({name!r}, params, lr={lr}{wd})"


def _check_type(got, name, call):
    want = CLASSES[name.lower()]
    check_true(got["type"] == want, f"{call} must return a torch.optim.{want} (got {got['type']})",
               f"{call} 必须返回 torch.optim.{want}（实际得到 {got['type']}）")


def _check_settings(got, want, call):
    check_true(len(got["groups"]) == len(want["groups"]) == 1,
               f"{call} must put all parameters in one parameter group (got {len(got['groups'])})",
               f"{call} 必须把所有参数放在一个参数组里（实际有 {len(got['groups'])} 组）")
    mine, theirs = got["groups"][0], want["groups"][0]
    for key, value in theirs.items():
        check_true(key in mine and mine[key] == value,
                   f"the setting {key!r} of {call} must be {value!r} (got {mine.get(key, 'nothing')!r})",
                   f"{call} 的设置 {key!r} 必须是 {value!r}（实际为 {mine.get(key, '无')!r}）")


@pytest.mark.parametrize("name", NAMES)
def test_each_name_builds_its_optimizer_class(kata, name):
    with hint("\"adamw\" is torch.optim.AdamW, not Adam with weight_decay: AdamW decays the weights directly",
              "\"adamw\" 对应 torch.optim.AdamW，而不是带 weight_decay 的 Adam：AdamW 直接衰减权重"):
        _check_type(kata.probe(build_probe, name, 0.03, 0.02), name, _call(name, 0.03, 0.02))


@pytest.mark.parametrize("name", NAMES)
def test_each_name_has_the_stated_settings(kata, ref, name):
    call = _call(name, 0.03, 0.02)
    got = kata.probe(build_probe, name, 0.03, 0.02)
    _check_type(got, name, call)
    with hint("pass lr and weight_decay to every optimizer, and momentum=0.9 for \"momentum\"; leave every other "
              "setting at torch's default",
              "把 lr 和 weight_decay 传给每个优化器，\"momentum\" 再加上 momentum=0.9；其余设置都保持 torch 的默认值"):
        _check_settings(got, build_probe(ref, name, 0.03, 0.02), call)


def test_weight_decay_defaults_to_zero_for_every_name(kata, ref):
    for name in NAMES:
        call = _call(name, 0.01)
        got = kata.probe(build_probe, name, 0.01)
        _check_type(got, name, call)
        with hint("weight_decay=0.0 is the default of make_optimizer: pass it on to AdamW too, whose own default is "
                  "0.01",
                  "weight_decay=0.0 是 make_optimizer 的默认值：也要把它传给 AdamW，AdamW 自己的默认值是 0.01"):
            _check_settings(got, build_probe(ref, name, 0.01), call)


@pytest.mark.parametrize("name", NAMES)
def test_weights_after_three_steps_match(kata, ref, name):
    got = kata.probe(steps_probe, name, 1, 0.05, 0.1)
    for key, value in steps_probe(ref, name, 1, 0.05, 0.1).items():
        check_tensor(got[key], value, say(f"parameter {key} after 3 steps of {_call(name, 0.05, 0.1)}",
                                          f"用 {_call(name, 0.05, 0.1)} 走 3 步之后的参数 {key}"))


@pytest.mark.parametrize("name", ["SGD", "Momentum", "AdamW", "RMSprop", "ADAGRAD"])
def test_names_are_case_insensitive(kata, ref, name):
    call = _call(name, 0.03, 0.02)
    with hint("compare name.lower() with the lower-case names", "请用 name.lower() 和小写的名字比较"):
        got = kata.probe(build_probe, name, 0.03, 0.02)
        _check_type(got, name, call)
        _check_settings(got, build_probe(ref, name.lower(), 0.03, 0.02), call)


@pytest.mark.parametrize("name", ["adamax", "lion", "sgd_momentum"])
def test_an_unknown_name_raises_a_value_error_naming_it(kata, name):
    got = kata.probe(error_probe, name)
    call = f"make_optimizer({name!r}, params, lr=0.1)"
    check_true(got is not None, f"{call} must raise a ValueError (it returned an optimizer)",
               f"{call} 必须抛出 ValueError（实际返回了一个优化器）")
    with hint("check the name yourself and raise ValueError(f\"unknown optimizer {name!r}\"); looking it up in a "
              "dict raises KeyError",
              "请自己检查名字并抛出 ValueError(f\"unknown optimizer {name!r}\")；直接在字典里查找会抛出 KeyError"):
        check_true(got["value_error"], f"{call} must raise a ValueError (got {got['type']})",
                   f"{call} 必须抛出 ValueError（实际抛出 {got['type']}）")
    check_true(name in got["message"], f"the message of the ValueError from {call} must contain {name!r} "
               f"(got {got['message']!r})",
               f"{call} 抛出的 ValueError 的信息必须包含 {name!r}（实际为 {got['message']!r}）")


@pytest.mark.parametrize("name", ["momentum", "adagrad"])
def test_accepts_a_generator_of_parameters(kata, name):
    call = f"make_optimizer({name!r}, model.parameters(), lr=0.03, weight_decay=0.02)"
    with hint("model.parameters() is a generator, used up once walked: build only the optimizer you return, "
              "not every optimizer first",
              "model.parameters() 是生成器，遍历一次就用完了：只构建要返回的那个优化器，不要先把所有优化器都建出来"):
        got = kata.probe(build_probe, name, 0.03, 0.02, True)
        _check_type(got, name, call)
        check_true(got["count"] == 4, f"the optimizer from {call} must hold all 4 parameters of the model "
                   f"(got {got['count']})",
                   f"{call} 返回的优化器必须包含模型的全部 4 个参数（实际 {got['count']} 个）")
