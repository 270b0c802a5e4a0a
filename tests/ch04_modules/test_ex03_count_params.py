"""Hidden-reference tests for ch04 · ex03 — freezing layers and counting trainable parameters."""

import random

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_true, say


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
DESCRIPTIONS_ZH = {  # the descriptions above that are not plain code, in Chinese
    "first_layer_frozen": "nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))，其中第一个 Linear 已冻结",
    "bias_frozen": "一个 Conv2d → BatchNorm2d → Linear 模型，其中 Conv2d 和 Linear 的 bias 已冻结",
    "all_frozen": "nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))，其中所有参数都已冻结",
}


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# -- probes (run in the worker with the learner's module) ------------------------------


def count_probe(mod, name, sizes=()):
    return mod.count_trainable(build(name, sizes))


def freeze_probe(mod, name, part):
    model = build(name)
    target = model if part is None else model[part]
    ids = [id(p) for p in model.parameters()]
    training = model.training
    mod.freeze(target)
    return {
        "trainable": trainable(model),
        "frozen_names": [k for k, p in model.named_parameters() if not p.requires_grad],
        "state": {k: v.detach() for k, v in model.state_dict().items()},
        "same_params": ids == [id(p) for p in model.parameters()],
        "mode_kept": model.training == training,
    }


def values_kept(state, name):
    """In the judge: the state_dict the worker sent back holds the values `build(name)` starts with."""
    before = build(name).state_dict()
    return isinstance(state, dict) and all(
        k in before and isinstance(v, torch.Tensor) and torch.equal(before[k], v) for k, v in state.items())


# -- count_trainable ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["linear", "no_bias", "mlp", "embedding"])
def test_counts_every_number_in_a_plain_model(kata, ref, name):
    check_equal(kata.probe(count_probe, name), ref.count_trainable(build(name)),
                f"count_trainable({DESCRIPTIONS[name]})")


def test_counts_numbers_not_parameter_tensors(kata):
    check_equal(kata.probe(count_probe, "mlp"), 67,
                say("count_trainable(nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))) "
                    "(10*5 + 5 + 5*2 + 2 numbers, not 4 tensors)",
                    "count_trainable(nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2)))"
                    "（要数的是 10*5 + 5 + 5*2 + 2 个数，而不是 4 个张量）"))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counts_random_mlps(kata, ref, seed):
    rng = random.Random(seed)
    sizes = [rng.randint(2, 40) for _ in range(rng.randint(2, 5))]
    check_equal(kata.probe(count_probe, "random_mlp", sizes), ref.count_trainable(build("random_mlp", sizes)),
                say(f"count_trainable(model) for an MLP with layer sizes {sizes}",
                    f"count_trainable(model)（model 是各层大小为 {sizes} 的 MLP）"))


@pytest.mark.parametrize("name", ["first_layer_frozen", "bias_frozen", "all_frozen"])
def test_skips_frozen_parameters(kata, ref, name):
    model = build(name)
    total = sum(p.numel() for p in model.parameters())
    expected = ref.count_trainable(model)
    got = kata.probe(count_probe, name)
    hint = say(f" ({total} counts the frozen parameters too; those with requires_grad=False must not count)",
               f"（{total} 把冻结的参数也算进去了；requires_grad=False 的参数不应计入）")
    hint = hint if got == total else ""
    check_equal(got, expected, say(f"count_trainable(model) for model = {DESCRIPTIONS[name]}{hint}",
                                   f"count_trainable(model)（model 为 {DESCRIPTIONS_ZH[name]}）{hint}"))


def test_skips_buffers(kata, ref):
    got = kata.probe(count_probe, "conv_bn")
    with_buffers = sum(v.numel() for v in build("conv_bn").state_dict().values())
    hint = say(f" ({with_buffers} counts BatchNorm's buffers from the state_dict too; count parameters only)",
               f"（{with_buffers} 把 state_dict 里 BatchNorm 的 buffer 也算进去了；只应统计参数）")
    hint = hint if got == with_buffers else ""
    check_equal(got, ref.count_trainable(build("conv_bn")),
                say(f"count_trainable(model) for a model with Conv2d, BatchNorm2d and Linear{hint}",
                    f"count_trainable(model)（model 含有 Conv2d、BatchNorm2d 和 Linear）{hint}"))


def test_counts_a_shared_layer_once(kata, ref):
    check_equal(kata.probe(count_probe, "shared"), ref.count_trainable(build("shared")),
                say("count_trainable(model) for a model that uses one nn.Linear(6, 6) twice (a shared "
                    "parameter is trained once: model.parameters() lists it once)",
                    "count_trainable(model)（model 把同一个 nn.Linear(6, 6) 用了两次；共享的参数只训练一次："
                    "model.parameters() 也只列出一次）"))


def test_counts_nested_modules(kata, ref):
    check_equal(kata.probe(count_probe, "nested"), ref.count_trainable(build("nested")),
                say("count_trainable(model) for Sequentials nested inside a Sequential",
                    "count_trainable(model)（model 是内部嵌套着 Sequential 的 Sequential）"))


# -- freeze -------------------------------------------------------------------------------


def test_freeze_one_layer_leaves_the_others_trainable(kata):
    got = kata.probe(freeze_probe, "mlp", 0)
    check_true(got["frozen_names"] == ["0.weight", "0.bias"],
               f"after freeze(model[0]) for model = {DESCRIPTIONS['mlp']}, the parameters with "
               f"requires_grad=False must be ['0.weight', '0.bias'] (got {got['frozen_names']})",
               f"对 model = {DESCRIPTIONS['mlp']} 执行 freeze(model[0]) 之后，requires_grad=False 的参数"
               f"应为 ['0.weight', '0.bias']（实际为 {got['frozen_names']}）")
    check_equal(got["trainable"], 12, say("the trainable numbers left after freeze(model[0])",
                                          "freeze(model[0]) 之后剩下的可训练参数量"))


def test_freeze_reaches_nested_submodules(kata):
    got = kata.probe(freeze_probe, "nested", None)
    check_equal(got["trainable"], 0, say("the trainable numbers left after freeze(model) for nested Sequentials "
                                         "(freeze every parameter, submodules included)",
                                         "对嵌套的 Sequential 执行 freeze(model) 之后剩下的可训练参数量"
                                         "（要冻结所有参数，包括子模块里的）"))


def test_freeze_keeps_the_parameters_and_their_values(kata):
    got = kata.probe(freeze_probe, "conv_bn", 0)
    check_true(values_kept(got["state"], "conv_bn"),
               "freeze(model[0]) changed some weights: it must only switch off requires_grad",
               "freeze(model[0]) 改变了某些权重：它只应关闭 requires_grad")
    check_true(got["same_params"], "freeze(model[0]) replaced parameter tensors: switch off requires_grad "
               "on the existing ones, so an optimizer that holds them sees the change",
               "freeze(model[0]) 替换了参数张量：请在现有的参数上关闭 requires_grad，这样持有它们的优化器才能看到变化")


def test_freeze_does_not_switch_to_eval_mode(kata):
    got = kata.probe(freeze_probe, "conv_bn", None)
    check_true(got["mode_kept"], "freeze(model) changed model.training: freezing (requires_grad) and eval "
               "mode (dropout, BatchNorm) are different things",
               "freeze(model) 改变了 model.training：冻结（requires_grad）和 eval 模式（dropout、BatchNorm）是两回事")
    check_equal(got["trainable"], 0, say("the trainable numbers left after freeze(model)",
                                         "freeze(model) 之后剩下的可训练参数量"))
