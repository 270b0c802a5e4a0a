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


def manual_mlp(state, sizes, x):
    """Linear layers sit at the even indices of the Sequential, with ReLU between them."""
    n = len(sizes) - 1
    for i in range(n):
        x = x @ state[f"{2 * i}.weight"].T + state[f"{2 * i}.bias"]
        if i < n - 1:
            x = torch.relu(x)
    return x


def expected_state_keys(sizes):
    return [f"{2 * i}.{p}" for i in range(len(sizes) - 1) for p in ("weight", "bias")]


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
        "shapes": {k: tuple(v.shape) for k, v in model.state_dict().items()},
    }


def forward_probe(mod, sizes, x):
    torch.manual_seed(0)
    model = mod.make_mlp(list(sizes))
    with torch.no_grad():
        out = model(x)
    return {"state": {k: v.detach() for k, v in model.state_dict().items()}, "out": out}


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
    expected = {}
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:], strict=False)):
        expected[f"{2 * i}.weight"], expected[f"{2 * i}.bias"] = (n_out, n_in), (n_out,)
    check_true(got["shapes"] == expected,
               f"make_mlp({sizes}).state_dict() must hold {expected}\n  got {got['shapes']}",
               f"make_mlp({sizes}).state_dict() 应包含 {expected}\n  实际为 {got['shapes']}")


@pytest.mark.parametrize("seed", [3, 4])
def test_output_matches_the_layers_applied_in_order(kata, seed):
    sizes = random_sizes(seed)
    x = torch.randn(5, sizes[0], generator=torch.Generator().manual_seed(seed))
    got = kata.probe(forward_probe, sizes, x)
    check_true(set(got["state"]) == set(expected_state_keys(sizes)),
               f"make_mlp({sizes}) must hold its Linear layers at indices 0, 2, 4, ... "
               f"(got state_dict keys {sorted(got['state'])})",
               f"make_mlp({sizes}) 的 Linear 层应位于下标 0, 2, 4, ...（实际 state_dict 的键为 "
               f"{sorted(got['state'])}）")
    check_tensor(got["out"], manual_mlp(got["state"], sizes, x), f"make_mlp({sizes})(x)")
