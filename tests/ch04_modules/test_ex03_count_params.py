"""Hidden-reference tests for ch04 · ex03 — freezing layers and counting trainable parameters."""

import random

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_true


class Shared(nn.Module):
    """One Linear layer used twice: its parameters count once."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 6)
        self.b = self.a

    def forward(self, x):
        return self.b(torch.relu(self.a(x)))


def build(name, sizes=()):
    """The models the tests count, built the same way in the judge and in the worker."""
    torch.manual_seed(0)
    if name == "random_mlp":
        layers = [nn.Linear(a, b) for a, b in zip(sizes, sizes[1:], strict=False)]
        return nn.Sequential(*layers)
    if name == "linear":
        return nn.Linear(7, 3)
    if name == "no_bias":
        return nn.Linear(9, 4, bias=False)
    if name == "mlp":
        return nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))
    if name == "conv_bn":  # BatchNorm has buffers (running_mean, running_var, num_batches_tracked)
        return nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.Linear(8, 2))
    if name == "embedding":
        return nn.Embedding(11, 3)
    if name == "shared":
        return Shared()
    if name == "first_layer_frozen":
        model = build("mlp")
        model[0].weight.requires_grad_(False)
        model[0].bias.requires_grad_(False)
        return model
    if name == "bias_frozen":
        model = build("conv_bn")
        model[0].bias.requires_grad_(False)
        model[4].bias.requires_grad_(False)
        return model
    if name == "all_frozen":
        model = build("mlp")
        for p in model.parameters():
            p.requires_grad_(False)
        return model
    if name == "nested":
        return nn.Sequential(nn.Sequential(nn.Linear(4, 6), nn.Sequential(nn.Linear(6, 6))), nn.Linear(6, 3))
    raise ValueError(name)


DESCRIPTIONS = {
    "linear": "nn.Linear(7, 3)",
    "no_bias": "nn.Linear(9, 4, bias=False)",
    "mlp": "nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))",
    "embedding": "nn.Embedding(11, 3)",
    "first_layer_frozen": "nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2)) "
                          "with the first Linear frozen",
    "bias_frozen": "a Conv2d → BatchNorm2d → Linear model whose Conv2d and Linear biases are frozen",
    "all_frozen": "nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2)) with every parameter frozen",
}


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# -- probes (run in the worker with the learner's module) ------------------------------


def count_probe(mod, name, sizes=()):
    return mod.count_trainable(build(name, sizes))


def freeze_probe(mod, name, part):
    model = build(name)
    target = model if part is None else model[part]
    before = {k: v.detach().clone() for k, v in model.state_dict().items()}
    ids = [id(p) for p in model.parameters()]
    training = model.training
    mod.freeze(target)
    return {
        "trainable": trainable(model),
        "frozen_names": [k for k, p in model.named_parameters() if not p.requires_grad],
        "values_kept": all(torch.equal(before[k], v) for k, v in model.state_dict().items()),
        "same_params": ids == [id(p) for p in model.parameters()],
        "mode_kept": model.training == training,
    }


# -- count_trainable ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["linear", "no_bias", "mlp", "embedding"])
def test_counts_every_number_in_a_plain_model(kata, ref, name):
    check_equal(kata.probe(count_probe, name), ref.count_trainable(build(name)),
                f"count_trainable({DESCRIPTIONS[name]})")


def test_counts_numbers_not_parameter_tensors(kata):
    check_equal(kata.probe(count_probe, "mlp"), 67,
                "count_trainable(nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))) "
                "(10*5 + 5 + 5*2 + 2 numbers, not 4 tensors)")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counts_random_mlps(kata, ref, seed):
    rng = random.Random(seed)
    sizes = [rng.randint(2, 40) for _ in range(rng.randint(2, 5))]
    check_equal(kata.probe(count_probe, "random_mlp", sizes), ref.count_trainable(build("random_mlp", sizes)),
                f"count_trainable(model) for an MLP with layer sizes {sizes}")


@pytest.mark.parametrize("name", ["first_layer_frozen", "bias_frozen", "all_frozen"])
def test_skips_frozen_parameters(kata, ref, name):
    model = build(name)
    total = sum(p.numel() for p in model.parameters())
    expected = ref.count_trainable(model)
    got = kata.probe(count_probe, name)
    hint = f" ({total} counts the frozen parameters too; those with requires_grad=False must not count)"
    hint = hint if got == total else ""
    check_equal(got, expected, f"count_trainable(model) for model = {DESCRIPTIONS[name]}{hint}")


def test_skips_buffers(kata, ref):
    got = kata.probe(count_probe, "conv_bn")
    with_buffers = sum(v.numel() for v in build("conv_bn").state_dict().values())
    hint = f" ({with_buffers} counts BatchNorm's buffers from the state_dict too; count parameters only)"
    hint = hint if got == with_buffers else ""
    check_equal(got, ref.count_trainable(build("conv_bn")),
                f"count_trainable(model) for a model with Conv2d, BatchNorm2d and Linear{hint}")


def test_counts_a_shared_layer_once(kata, ref):
    check_equal(kata.probe(count_probe, "shared"), ref.count_trainable(build("shared")),
                "count_trainable(model) for a model that uses one nn.Linear(6, 6) twice (a shared "
                "parameter is trained once: model.parameters() lists it once)")


def test_counts_nested_modules(kata, ref):
    check_equal(kata.probe(count_probe, "nested"), ref.count_trainable(build("nested")),
                "count_trainable(model) for Sequentials nested inside a Sequential")


# -- freeze -------------------------------------------------------------------------------


def test_freeze_one_layer_leaves_the_others_trainable(kata):
    got = kata.probe(freeze_probe, "mlp", 0)
    check_true(got["frozen_names"] == ["0.weight", "0.bias"],
               f"after freeze(model[0]) for model = {DESCRIPTIONS['mlp']}, the parameters with "
               f"requires_grad=False must be ['0.weight', '0.bias'] (got {got['frozen_names']})")
    check_equal(got["trainable"], 12, "the trainable numbers left after freeze(model[0])")


def test_freeze_reaches_nested_submodules(kata):
    got = kata.probe(freeze_probe, "nested", None)
    check_equal(got["trainable"], 0, "the trainable numbers left after freeze(model) for nested Sequentials "
                "(freeze every parameter, submodules included)")


def test_freeze_keeps_the_parameters_and_their_values(kata):
    got = kata.probe(freeze_probe, "conv_bn", 0)
    check_true(got["values_kept"], "freeze(model[0]) changed some weights: it must only switch off "
               "requires_grad")
    check_true(got["same_params"], "freeze(model[0]) replaced parameter tensors: switch off requires_grad "
               "on the existing ones, so an optimizer that holds them sees the change")


def test_freeze_does_not_switch_to_eval_mode(kata):
    got = kata.probe(freeze_probe, "conv_bn", None)
    check_true(got["mode_kept"], "freeze(model) changed model.training: freezing (requires_grad) and eval "
               "mode (dropout, BatchNorm) are different things")
    check_equal(got["trainable"], 0, "the trainable numbers left after freeze(model)")
