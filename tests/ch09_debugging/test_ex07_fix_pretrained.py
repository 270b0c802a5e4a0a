"""Hidden-reference tests for ch09 · ex07 — `pretrained=True` is gone: the `weights=` API."""

import warnings
from collections import OrderedDict

import pytest
import torch
import torchvision
from torch import nn

from grader import probes
from grader.checks import check_equal, check_tensor, check_true, say


def _patched_resnet18(mod, fake):
    """Make every route to torchvision's resnet18 (however the kata imported it) call `fake`;
    returns a function that puts the real one back."""
    from torchvision.models import resnet

    real = resnet.resnet18
    owners = [torchvision.models, resnet] + [v for v in vars(mod).values() if v is torchvision.models]
    names = [name for name, value in vars(mod).items() if value is real]
    for owner in owners:
        owner.resnet18 = fake
    for name in names:
        setattr(mod, name, fake)

    def restore():
        for owner in owners:
            owner.resnet18 = real
        for name in names:
            setattr(mod, name, real)

    return restore


def call_probe(mod, num_classes, weights_name):
    """In the worker: the keyword arguments build passes to resnet18 (nothing is downloaded)."""
    weights = getattr(torchvision.models.ResNet18_Weights, weights_name) if weights_name else None
    calls = []

    def fake(*args, **kwargs):
        calls.append({"args": len(args), "kwargs": sorted(kwargs),
                      "weights": repr(kwargs.get("weights", "(not given)"))})
        return torchvision.models.ResNet(torchvision.models.resnet.BasicBlock, [1, 1, 1, 1])

    restore = _patched_resnet18(mod, fake)
    try:
        mod.build(num_classes, weights)
    finally:
        restore()
    return calls


def other_backbone_probe(mod, num_classes, x):
    """In the worker: build on a backbone whose fc takes 24 features, not 512."""

    def fake(*args, **kwargs):
        torch.manual_seed(0)
        return nn.Sequential(OrderedDict(
            body=nn.Sequential(nn.Conv2d(3, 24, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten()),
            fc=nn.Linear(24, 1000),
        ))

    restore = _patched_resnet18(mod, fake)
    try:
        model = mod.build(num_classes, None)
        fc = getattr(model, "fc", None)
        with torch.no_grad():
            out = model(x)
    finally:
        restore()
    return {"in_features": getattr(fc, "in_features", None), "shape": tuple(out.shape)}


def warnings_probe(mod, num_classes):
    """In the worker: the warnings build(num_classes, None) raises."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mod.build(num_classes, None)
    return [str(w.message) for w in caught]


def head_probe(mod, num_classes):
    torch.manual_seed(0)
    model = mod.build(num_classes, None)
    fc = getattr(model, "fc", None)
    return {"model": type(model).__name__, "fc": type(fc).__name__,
            "in": getattr(fc, "in_features", None), "out": getattr(fc, "out_features", None),
            "weight": tuple(fc.weight.shape) if isinstance(getattr(fc, "weight", None), torch.Tensor) else None}


def outputs_probe(mod, num_classes, state, x):
    """In the worker: the learner's model with the reference weights, in eval mode."""
    model = mod.build(num_classes, None)
    model.load_state_dict(state)
    model.eval()
    with torch.no_grad():
        return model(x)


@pytest.mark.parametrize("num_classes, weights", [(10, None), (3, "IMAGENET1K_V1"), (7, "DEFAULT")])
def test_calls_resnet18_with_the_weights_it_is_given(kata, num_classes, weights):
    calls = kata.probe(call_probe, num_classes, weights)
    what = f"build({num_classes}, weights={'None' if weights is None else 'ResNet18_Weights.' + weights})"
    check_true(len(calls) == 1,
               f"{what} must call torchvision.models.resnet18 once (it called it {len(calls)} times)",
               f"{what} 必须调用一次 torchvision.models.resnet18（实际调用了 {len(calls)} 次）")
    call = calls[0]
    check_true("pretrained" not in call["kwargs"],
               f"{what} must not pass pretrained= to resnet18 (got the keywords {call['kwargs']}): it is deprecated "
               "since torchvision 0.13; choose the weights with weights=",
               f"{what} 不能再给 resnet18 传 pretrained=（实际传了 {call['kwargs']}）：torchvision 0.13 起它已被弃用，"
               "要用 weights= 来选权重")
    expected = repr(getattr(torchvision.models.ResNet18_Weights, weights) if weights else None)
    check_true(call["weights"] == expected,
               f"{what} must call resnet18(weights=weights) with the weights it is given ({expected}), "
               f"got weights={call['weights']}",
               f"{what} 必须用传进来的 weights（{expected}）调用 resnet18(weights=weights)，"
               f"实际 weights={call['weights']}")


def test_raises_no_deprecation_warning(kata):
    messages = kata.probe(warnings_probe, 4)
    bad = [m for m in messages if "pretrained" in m or "deprecated" in m]
    check_true(not bad,
               f"build(4, None) must not raise torchvision's deprecation warnings (got: {bad[0] if bad else ''})",
               f"build(4, None) 不能触发 torchvision 的弃用警告（实际：{bad[0] if bad else ''}）")


@pytest.mark.parametrize("num_classes", [10, 3, 1000])
def test_fc_is_a_new_linear_layer_with_num_classes_outputs(kata, num_classes):
    got = kata.probe(head_probe, num_classes)
    what = f"build({num_classes}, None)"
    check_equal(got["model"], "ResNet", say(f"the type of {what}", f"{what} 的类型"))
    check_equal(got["fc"], "Linear", say(f"the type of {what}.fc", f"{what}.fc 的类型"))
    check_equal(got["in"], 512, f"{what}.fc.in_features")
    check_equal(got["out"], num_classes, f"{what}.fc.out_features")
    check_equal(got["weight"], (num_classes, 512), f"{what}.fc.weight.shape")


@pytest.mark.parametrize("num_classes", [5, 2])
def test_reads_in_features_from_the_old_head(kata, num_classes):
    x = probes.randn(2, 3, 10, 12, seed=num_classes)
    got = kata.probe(other_backbone_probe, num_classes, x)
    check_true(got["in_features"] == 24 and got["shape"] == (2, num_classes),
               f"on a backbone whose fc takes 24 features, build({num_classes}, None).fc.in_features must be 24 and "
               f"the output shape (2, {num_classes}) (got {got['in_features']} and {got['shape']}): read the size "
               "from model.fc.in_features instead of writing 512",
               f"在 fc 接收 24 个特征的骨干网络上，build({num_classes}, None).fc.in_features 必须是 24，输出形状必须是 "
               f"(2, {num_classes})（实际为 {got['in_features']} 和 {got['shape']}）：请从 model.fc.in_features "
               "读出输入大小，不要写死 512")


def test_outputs_are_the_resnet_logits(kata, ref):
    torch.manual_seed(1)
    model = ref.build(6, None).eval()
    x = probes.randn(2, 3, 40, 56, seed=2)
    with torch.no_grad():
        expected = model(x)
    got = kata.probe(outputs_probe, 6, model.state_dict(), x)
    check_tensor(got, expected,
                 say("build(6, None)(x) in eval mode with the reference weights, for x of shape (2, 3, 40, 56)",
                     "x 形状为 (2, 3, 40, 56)、载入参考权重并处于 eval 模式时的 build(6, None)(x)"),
                 atol=1e-4)
