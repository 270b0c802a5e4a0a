"""Hidden-reference tests for ch04 · ex06 — an MLP of any depth with nn.Sequential."""

import random

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_tensor, check_true, say


def expected_layers(sizes):
    names = []
    for _ in sizes[1:]:
        names += ["Linear", "ReLU"]
    return names[:-1]


def manual_mlp(weights, x):
    """The Linear layers' (weight, bias) applied in order, with ReLU between them."""
    for i, (w, b) in enumerate(weights):
        x = x @ w.T + b
        if i < len(weights) - 1:
            x = torch.relu(x)
    return x


def expected_layer_shapes(sizes):
    """Each layer's own state_dict shapes, in order: a Linear's weight and bias, nothing for a ReLU."""
    shapes = []
    for n_in, n_out in zip(sizes, sizes[1:], strict=False):
        shapes += [{"weight": (n_out, n_in), "bias": (n_out,)}, {}]
    return shapes[:-1]


def describe(layers, shapes):
    """Layers as a learner reads them: Linear(weight (3, 5), bias (3,)), ReLU, ..."""
    return ", ".join(name + ("(" + ", ".join(f"{k} {v}" for k, v in shape.items()) + ")" if shape else "")
                     for name, shape in zip(layers, shapes, strict=False))


def random_sizes(seed):
    rng = random.Random(seed)
    return [rng.randint(2, 30) for _ in range(rng.randint(3, 6))]


# -- probes (run in the worker with the learner's module) ------------------------------


def structure_probe(mod, sizes):
    torch.manual_seed(0)
    model = mod.make_mlp(list(sizes))
    if not isinstance(model, nn.Sequential):
        return {"type": type(model).__name__}
    return {
        "type": "Sequential",
        "layers": [type(m).__name__ for m in model],
        "shapes": [{k: tuple(v.shape) for k, v in m.state_dict().items()} for m in model],
    }


def forward_probe(mod, sizes, x):
    torch.manual_seed(0)
    model = mod.make_mlp(list(sizes))
    with torch.no_grad():
        out = model(x)
    return {"layers": [{k: v.detach() for k, v in m.state_dict().items()} for m in model], "out": out}


# -- tests --------------------------------------------------------------------------------


def test_returns_an_nn_sequential(kata):
    got = kata.probe(structure_probe, [6, 4, 2])
    check_equal(got["type"], "Sequential", "type(make_mlp([6, 4, 2])).__name__")


@pytest.mark.parametrize("sizes", [[784, 256, 64, 10], [5, 3], [12, 7, 4], [3, 9, 9, 9, 2]])
def test_layers_alternate_linear_and_relu_without_a_final_relu(kata, sizes):
    got = kata.probe(structure_probe, sizes)
    check_true(got["type"] == "Sequential",
               f"make_mlp({sizes}) must return an nn.Sequential (got {got['type']})",
               f"make_mlp({sizes}) 必须返回 nn.Sequential（实际得到 {got['type']}）")
    expected = expected_layers(sizes)
    layers = got["layers"]
    hint = say(" (no ReLU after the last layer: the output is raw logits)",
               "（最后一层之后不要加 ReLU：输出应是原始 logits）") if layers[-1:] == ["ReLU"] else ""
    check_true(layers == expected,
               f"the layers of make_mlp({sizes}) must be {expected}{hint}\n  got {layers}",
               f"make_mlp({sizes}) 的各层应为 {expected}{hint}\n  实际为 {layers}")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_linear_layers_have_the_requested_sizes(kata, seed):
    sizes = random_sizes(seed)
    got = kata.probe(structure_probe, sizes)
    check_true(got["type"] == "Sequential",
               f"make_mlp({sizes}) must return an nn.Sequential (got {got['type']})",
               f"make_mlp({sizes}) 必须返回 nn.Sequential（实际得到 {got['type']}）")
    expected = expected_layer_shapes(sizes)
    if got["shapes"] != expected:
        want = describe(expected_layers(sizes), expected)
        have = describe(got["layers"], got["shapes"])
        check_true(False, f"the layers of make_mlp({sizes}) must be {want}\n  got {have}",
                   f"make_mlp({sizes}) 的各层应为 {want}\n  实际为 {have}")


@pytest.mark.parametrize("seed", [3, 4])
def test_output_matches_the_layers_applied_in_order(kata, seed):
    sizes = random_sizes(seed)
    x = torch.randn(5, sizes[0], generator=torch.Generator().manual_seed(seed))
    got = kata.probe(forward_probe, sizes, x)
    weights = [(layer["weight"], layer["bias"]) for layer in got["layers"] if {"weight", "bias"} <= set(layer)]
    check_true(len(weights) == len(sizes) - 1,
               f"make_mlp({sizes}) must hold {len(sizes) - 1} Linear layers with a weight and a bias "
               f"(got {len(weights)})",
               f"make_mlp({sizes}) 应包含 {len(sizes) - 1} 个带 weight 和 bias 的 Linear 层"
               f"（实际为 {len(weights)} 个）")
    check_tensor(got["out"], manual_mlp(weights, x), f"make_mlp({sizes})(x)")
