"""Hidden-reference tests for ch04 · ex07 — find and fix the bug: layers kept in a plain list."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say

SIZES = [(8, 16, 3, 2), (5, 7, 2, 4), (6, 4, 5, 3)]  # (n_in, width, depth, n_out)


def call_text(sizes):
    n_in, width, depth, n_out = sizes
    return f"DeepMLP(n_in={n_in}, width={width}, depth={depth}, n_out={n_out})"


def expected_shapes(sizes):
    n_in, width, depth, n_out = sizes
    shapes = {"inp.weight": (width, n_in), "inp.bias": (width,)}
    for i in range(depth):
        shapes[f"hidden.{i}.weight"], shapes[f"hidden.{i}.bias"] = (width, width), (width,)
    shapes["out.weight"], shapes["out.bias"] = (n_out, width), (n_out,)
    return shapes


# -- probes (run in the worker with the learner's module) ------------------------------


def build(mod, sizes, seed=0):
    torch.manual_seed(seed)
    return mod.DeepMLP(*sizes)


def state_shapes_probe(mod, sizes):
    return {k: tuple(v.shape) for k, v in build(mod, sizes).state_dict().items()}


def trainable_probe(mod, sizes):
    return sum(p.numel() for p in build(mod, sizes).parameters() if p.requires_grad)


def sgd_step_probe(mod, sizes, x, y):
    model = build(mod, sizes)
    params = list(model.parameters())  # exactly what an optimizer is given
    loss = torch.nn.functional.mse_loss(model(x), y)  # the learner's forward first: it says what is wrong
    before = [layer.weight.detach().clone() for layer in model.hidden]
    loss.backward()
    with torch.no_grad():  # one plain SGD step (torch.optim would work the same, but imports slowly)
        for p in params:
            p -= 0.1 * p.grad
    return before, [layer.weight.detach() for layer in model.hidden]


def double_probe(mod, sizes, x):
    model = build(mod, sizes).double()
    try:
        with torch.no_grad():
            return {"out": model(x.double())}
    except RuntimeError as e:
        return {"error": str(e).splitlines()[0]}


def reload_probe(mod, sizes, x):
    saved = build(mod, sizes, seed=0)
    fresh = build(mod, sizes, seed=1)
    fresh.load_state_dict(saved.state_dict())
    with torch.no_grad():
        return saved(x), fresh(x)


def forward_probe(mod, sizes, x):
    model = build(mod, sizes)
    with torch.no_grad():
        out = model(x)  # the learner's forward first: it says what is wrong
    layers = [model.inp, *model.hidden, model.out]
    return {"out": out, "weights": [(layer.weight.detach(), layer.bias.detach()) for layer in layers]}


def inputs(sizes, batch=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(batch, sizes[0], generator=g), torch.randn(batch, sizes[3], generator=g)


# -- tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES)
def test_state_dict_saves_every_hidden_layer(kata, sizes):
    shapes = kata.probe(state_shapes_probe, sizes)
    expected = expected_shapes(sizes)
    missing = [k for k in expected if k not in shapes]
    others = sorted(set(shapes) - set(expected))
    some_hidden = any(k.startswith("hidden.") for k in shapes)
    if others:
        why = "keep the hidden layers in self.hidden, an nn.ModuleList, so that their keys are hidden.0.weight, ..."
        why_zh = "请把隐藏层放进 self.hidden（一个 nn.ModuleList），这样它们的键才是 hidden.0.weight, ..."
    elif some_hidden:
        why = f"self.hidden must hold depth = {sizes[2]} layers, hidden.0 to hidden.{sizes[2] - 1}"
        why_zh = f"self.hidden 必须包含 depth = {sizes[2]} 层，即 hidden.0 到 hidden.{sizes[2] - 1}"
    else:
        why = "layers kept in a plain Python list are not registered; hold them in an nn.ModuleList"
        why_zh = "放在普通 Python list 里的层不会被注册；请改用 nn.ModuleList 保存它们"
    check_true(not missing, f"{call_text(sizes)}.state_dict() is missing {missing[:4]}"
               f"{' ...' if len(missing) > 4 else ''} (it has {sorted(shapes)}): {why}",
               f"{call_text(sizes)}.state_dict() 缺少 {missing[:4]}"
               f"{' ...' if len(missing) > 4 else ''}（现有 {sorted(shapes)}）：{why_zh}")
    check_true(shapes == expected, f"{call_text(sizes)}.state_dict() must hold {expected}\n  got {shapes}",
               f"{call_text(sizes)}.state_dict() 应包含 {expected}\n  实际为 {shapes}")


@pytest.mark.parametrize("sizes", SIZES)
def test_parameters_include_every_layer(kata, sizes):
    n_in, width, depth, n_out = sizes
    expected = n_in * width + width + depth * (width * width + width) + width * n_out + n_out
    got = kata.probe(trainable_probe, sizes)
    check_true(got == expected, f"{call_text(sizes)}.parameters() must hold {expected} numbers (got {got}): "
               "each hidden layer needs its own nn.Linear, registered in an nn.ModuleList",
               f"{call_text(sizes)}.parameters() 应共有 {expected} 个数（实际为 {got}）："
               "每个隐藏层都要有自己的 nn.Linear，并注册在 nn.ModuleList 中")


def test_a_training_step_on_model_parameters_updates_the_hidden_layers(kata):
    sizes = SIZES[0]
    before, after = kata.probe(sgd_step_probe, sizes, *inputs(sizes))
    stuck = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if torch.equal(b, a)]
    check_true(not stuck, f"after one SGD step on model.parameters() (what an optimizer updates), hidden "
               f"layers {stuck} did not change: the optimizer never saw their weights (they live in a plain "
               "list, not an nn.ModuleList)",
               f"对 model.parameters()（也就是优化器会更新的参数）做一步 SGD 之后，隐藏层 {stuck} 没有变化："
               "优化器根本没看到它们的权重（它们放在普通 list 里，而不是 nn.ModuleList 中）")


def test_double_converts_the_hidden_layers(kata):
    sizes = SIZES[1]
    x, _ = inputs(sizes, seed=1)
    got = kata.probe(double_probe, sizes, x)
    check_true("error" not in got, f"{call_text(sizes)}.double()(x.double()) raised: {got.get('error')}. "
               "model.double() (like .to(device)) only converts registered submodules",
               f"{call_text(sizes)}.double()(x.double()) 抛出了异常：{got.get('error')}。"
               "model.double()（和 .to(device) 一样）只会转换已注册的子模块")
    check_true(got["out"].dtype == torch.float64, f"{call_text(sizes)}.double()(x.double()) must be float64 "
               f"(got {got['out'].dtype})",
               f"{call_text(sizes)}.double()(x.double()) 的结果应为 float64（实际为 {got['out'].dtype}）")


def test_load_state_dict_restores_the_whole_model(kata):
    sizes = SIZES[2]
    x, _ = inputs(sizes, seed=2)
    saved, reloaded = kata.probe(reload_probe, sizes, x)
    check_tensor(reloaded, saved, say("the output of a fresh model after load_state_dict(saved.state_dict()), "
                                      "compared with the saved model's output (the checkpoint must hold every layer)",
                                      "新模型执行 load_state_dict(saved.state_dict()) 之后的输出"
                                      "（与保存的模型的输出对比；checkpoint 必须包含每一层）"))


@pytest.mark.parametrize("sizes", SIZES)
def test_forward_still_runs_every_layer(kata, sizes):
    x, _ = inputs(sizes, seed=3)
    got = kata.probe(forward_probe, sizes, x)
    h = x
    *hidden, (w_out, b_out) = got["weights"]
    for w, b in hidden:
        h = torch.relu(h @ w.T + b)
    check_tensor(got["out"], h @ w_out.T + b_out, f"{call_text(sizes)}(x)")
