"""Hidden-reference tests for ch09 · ex10 — a layer built inside `forward`."""

import pytest
import torch
import torch.nn.functional as F

from grader import probes
from grader.checks import check_equal, check_tensor, check_true, say

# (n_in, n_hidden, n_out): no two sizes alike.
SIZES = [(4, 8, 3), (6, 5, 2), (3, 10, 7)]


def _name(sizes):
    return "Classifier({}, {}, {})".format(*sizes)


def twice_probe(mod, sizes, x):
    """In the worker: the same model called twice on the same input."""
    model = mod.Classifier(*sizes)
    with torch.no_grad():
        return [model(x), model(x)]


def state_probe(mod, sizes):
    """In the worker: the shapes in state_dict() and in parameters() of a fresh model."""
    model = mod.Classifier(*sizes)
    return {"state": {k: tuple(v.shape) for k, v in model.state_dict().items()},
            "parameters": sorted(tuple(p.shape) for p in model.parameters())}


def after_forward_probe(mod, sizes, x):
    """In the worker: the state_dict keys once forward has run, and whether it moved the global RNG."""
    model = mod.Classifier(*sizes)
    torch.manual_seed(123)
    before = torch.get_rng_state()
    with torch.no_grad():
        model(x)
    return {"keys": sorted(model.state_dict()), "rng_moved": not torch.equal(before, torch.get_rng_state())}


def outputs_probe(mod, sizes, state, x):
    model = mod.Classifier(*sizes)
    model.load_state_dict(state)
    with torch.no_grad():
        return model(x)


def step_probe(mod, sizes, state, x, y, lr):
    """In the worker: one SGD step on model.parameters(), made before the first forward pass."""
    model = mod.Classifier(*sizes)
    model.load_state_dict(state)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    F.cross_entropy(model(x), y).backward()
    optimizer.step()
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _reference(ref, sizes, seed):
    torch.manual_seed(seed)
    return ref.Classifier(*sizes)


@pytest.mark.parametrize("sizes", SIZES[:2])
def test_the_same_input_gives_the_same_output_twice(kata, sizes):
    x = probes.randn(5, sizes[0], seed=1)
    first, second = kata.probe(twice_probe, sizes, x)
    check_tensor(second, first, say(f"a second call {_name(sizes)}(x) on the same x of shape {tuple(x.shape)}",
                                    f"在同一个形状为 {tuple(x.shape)} 的 x 上第二次调用 {_name(sizes)}(x) 的结果"),
                 atol=0, rtol=0)


@pytest.mark.parametrize("sizes", SIZES)
def test_state_dict_holds_the_output_layer(kata, ref, sizes):
    expected = {k: tuple(v.shape) for k, v in ref.Classifier(*sizes).state_dict().items()}
    got = kata.probe(state_probe, sizes)["state"]
    missing = sorted(set(expected) - set(got))
    check_true(not missing,
               f"{_name(sizes)}.state_dict() must hold {sorted(expected)} (missing {missing}): a layer made in "
               "forward, or kept in a plain tensor or list, is never registered, so it is never saved",
               f"{_name(sizes)}.state_dict() 必须包含 {sorted(expected)}（缺少 {missing}）：在 forward 里创建的层，"
               "或者放在普通张量、列表里的权重，都不会被注册，所以也不会被保存")
    check_equal(got, expected, f"{_name(sizes)}.state_dict() shapes")


def test_state_dict_holds_the_output_layer_after_a_forward_pass(kata, ref):
    sizes = SIZES[0]
    expected = sorted(ref.Classifier(*sizes).state_dict())
    got = kata.probe(after_forward_probe, sizes, probes.randn(3, sizes[0], seed=6))["keys"]
    check_true(got == expected,
               f"after a forward pass, {_name(sizes)}.state_dict() must hold {expected} (got {got}): only a layer "
               "assigned to an attribute of self is registered",
               f"前向传播之后，{_name(sizes)}.state_dict() 必须包含 {expected}（实际为 {got}）："
               "只有赋值给 self 属性的层才会被注册")


def test_forward_leaves_the_global_random_state_alone(kata):
    sizes = SIZES[1]
    got = kata.probe(after_forward_probe, sizes, probes.randn(3, sizes[0], seed=7))["rng_moved"]
    check_true(got is False,
               f"{_name(sizes)}(x) must not use or reset the global random generator (torch.get_rng_state() changed "
               "during forward): building nn.Linear draws random weights, and torch.manual_seed in forward resets "
               "the caller's random state",
               f"{_name(sizes)}(x) 不能使用或重置全局随机数生成器（forward 期间 torch.get_rng_state() 变了）："
               "创建 nn.Linear 会抽取随机权重，而在 forward 里调用 torch.manual_seed 会重置调用者的随机状态")


@pytest.mark.parametrize("sizes", SIZES[1:])
def test_parameters_include_the_output_layer(kata, ref, sizes):
    expected = sorted(tuple(p.shape) for p in ref.Classifier(*sizes).parameters())
    got = kata.probe(state_probe, sizes)["parameters"]
    check_true(got == expected,
               f"the shapes of {_name(sizes)}.parameters() must be {expected} (got {got}): the optimizer only "
               "trains what parameters() lists",
               f"{_name(sizes)}.parameters() 中各参数的形状必须是 {expected}（实际为 {got}）："
               "优化器只训练 parameters() 里列出的参数")


@pytest.mark.parametrize("sizes", SIZES)
def test_outputs_are_the_raw_logits_of_the_saved_weights(kata, ref, sizes):
    model = _reference(ref, sizes, seed=2)
    x = probes.randn(6, sizes[0], seed=3) * 2
    with torch.no_grad():
        expected = model(x)
    got = kata.probe(outputs_probe, sizes, model.state_dict(), x)
    check_tensor(got, expected, say(f"{_name(sizes)}(x) with the reference weights, for x of shape {tuple(x.shape)}",
                                    f"载入参考权重后、x 形状为 {tuple(x.shape)} 时的 {_name(sizes)}(x)"))


@pytest.mark.parametrize("sizes", SIZES[:2])
def test_an_optimizer_step_trains_the_output_layer(kata, ref, sizes):
    model = _reference(ref, sizes, seed=4)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    x = probes.randn(8, sizes[0], seed=5)
    y = torch.randint(0, sizes[2], (8,), generator=torch.Generator().manual_seed(5))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    F.cross_entropy(model(x), y).backward()
    optimizer.step()
    got = kata.probe(step_probe, sizes, state, x, y, 0.5)
    for name, expected in model.state_dict().items():
        check_true(name in got, f"{_name(sizes)}.state_dict() must hold {name!r} (got {sorted(got)})",
                   f"{_name(sizes)}.state_dict() 必须包含 {name!r}（实际为 {sorted(got)}）")
        check_tensor(got[name], expected,
                     say(f"{name} after one SGD step (lr=0.5) on model.parameters()",
                         f"在 model.parameters() 上做一步 SGD（lr=0.5）之后的 {name}"))
