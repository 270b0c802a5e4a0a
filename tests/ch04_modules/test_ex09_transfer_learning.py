"""Hidden-reference tests for ch04 · ex09 — transfer learning: a new head on a backbone."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grader import probes
from grader.checks import check_tensor, check_true, hint, say
from grader.errors import KataProblem


class TinyNet(nn.Module):
    """A small backbone of the tests' own, ending like a ResNet: conv, BatchNorm, pooling, `fc`."""

    def __init__(self, width, classes=7):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.bn = nn.BatchNorm2d(width)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.bn(self.conv(x)))).flatten(1))


def build(backbone):
    torch.manual_seed(0)
    if backbone == "resnet18":
        from torchvision.models import resnet18

        return resnet18(weights=None)
    return TinyNet(backbone)


def describe(backbone):
    return "resnet18(weights=None)" if backbone == "resnet18" else f"a small CNN whose fc is Linear({backbone}, 7)"


def describe_zh(backbone):
    return "resnet18(weights=None)" if backbone == "resnet18" else f"一个小 CNN（它的 fc 是 Linear({backbone}, 7)）"


# -- probes (run in the worker with the learner's module) ------------------------------


def adapt_probe(mod, backbone, num_classes, lr):
    """What adapt returns for a backbone: its layers, flags and optimizer, by parameter name."""
    model = build(backbone)
    before = {k: v.detach().clone() for k, v in model.named_parameters()}
    old_head = {id(p) for p in model.fc.parameters()}
    got = mod.adapt(model, num_classes, lr)
    if not (isinstance(got, tuple) and len(got) == 2):
        return {"returned": type(got).__name__}
    new, optimizer = got
    names = {id(p): name for name, p in new.named_parameters()}
    groups = getattr(optimizer, "param_groups", None) or []
    return {
        "returned": "pair",
        "before": before,
        "state": {k: v.detach().clone() for k, v in new.state_dict().items()},
        "requires_grad": {name: p.requires_grad for name, p in new.named_parameters()},
        "head_is_linear": type(getattr(new, "fc", None)) is nn.Linear,
        "optimized": [names.get(id(p), "the old fc" if id(p) in old_head else "?")
                      for g in groups for p in g["params"]],
        "lrs": [g.get("lr") for g in groups],
        "is_optimizer": isinstance(optimizer, torch.optim.Optimizer),
    }


def step_probe(mod, backbone, num_classes, lr, x, y):
    """One training step with what adapt returns: fc's input, the logits, the weights after."""
    model, optimizer = mod.adapt(build(backbone), num_classes, lr)
    seen = []
    model.fc.register_forward_pre_hook(lambda module, args: seen.append(args[0].detach().clone()))
    model.train()
    logits = model(x)
    loss = F.cross_entropy(logits, y)
    optimizer.zero_grad()
    if loss.requires_grad:  # with nothing trainable there is nothing to step (another test says so)
        loss.backward()
    before = {k: v.detach().clone() for k, v in model.named_parameters()}
    optimizer.step()
    return {"features": seen, "logits": logits.detach(), "before": before,
            "after": {k: v.detach().clone() for k, v in model.named_parameters()}}


# -- helpers (judge) -------------------------------------------------------------------------


def run(kata, probe, *args):
    """kata.probe, saying so when adapt tried to download a model."""
    try:
        return kata.probe(probe, *args)
    except KataProblem as e:
        text = str(e)
        if any(word in text for word in ("URLError", "urlopen", "download", "HTTP", "socket")):
            with hint("adapt tried to download something: pretrained=True (or weights=...) downloads weights, "
                      "and there is no network here. adapt must change the model it is given, not build another",
                      "adapt 试图下载东西：pretrained=True（或 weights=...）会下载权重，而这里没有网络。"
                      "adapt 应当修改传入的模型，而不是另建一个"):
                raise
        raise


def adapted(kata, backbone, num_classes, lr=0.01):
    got = run(kata, adapt_probe, backbone, num_classes, lr)
    check_true(got["returned"] == "pair", f"adapt(model, {num_classes}) must return a pair (model, optimizer) "
               f"(got {got['returned']})",
               f"adapt(model, {num_classes}) 必须返回二元组 (model, optimizer)（实际得到 {got['returned']}）")
    return got


def batch(width, num_classes, seed):
    x = probes.randn(6, 3, 9, 7, seed=seed)
    y = torch.randint(num_classes, (6,), generator=torch.Generator().manual_seed(seed))
    return x, y


CASES = [(24, 5), (40, 3), (13, 2)]  # (backbone width, num_classes): never 512


# -- the new head --------------------------------------------------------------------------


@pytest.mark.parametrize(("backbone", "num_classes"), [*CASES, ("resnet18", 4)])
def test_fc_is_a_new_linear_from_in_features_to_num_classes(kata, backbone, num_classes):
    got = adapted(kata, backbone, num_classes)
    width = 512 if backbone == "resnet18" else backbone
    shape = tuple(got["state"]["fc.weight"].shape) if "fc.weight" in got["state"] else None
    fc_keys = sorted(k for k in got["state"] if k.startswith("fc."))
    check_true(shape is not None and got["head_is_linear"], f"for {describe(backbone)}, the adapted model's fc must "
               f"be a single nn.Linear that replaces the old one (its state_dict has {fc_keys}): assign "
               "model.fc = nn.Linear(...), do not append a layer after the old fc",
               f"对 {describe_zh(backbone)}，改造后模型的 fc 必须是替换掉旧层的单个 nn.Linear"
               f"（它的 state_dict 中有 {fc_keys}）：请直接赋值 model.fc = nn.Linear(...)，不要在旧 fc 后面再接一层")
    check_true(shape == (num_classes, width), f"for {describe(backbone)}, adapt(model, {num_classes}).fc.weight "
               f"must have shape ({num_classes}, {width}) (got {shape}): read the inputs from model.fc.in_features",
               f"对 {describe_zh(backbone)}，adapt(model, {num_classes}).fc.weight 的形状应为 ({num_classes}, {width})"
               f"（实际为 {shape}）：输入个数请从 model.fc.in_features 读出")


@pytest.mark.parametrize(("backbone", "num_classes"), CASES)
def test_logits_come_from_the_new_head_on_the_backbone_features(kata, backbone, num_classes):
    x, y = batch(backbone, num_classes, seed=backbone)
    got = run(kata, step_probe, backbone, num_classes, 0.01, x, y)
    check_true(len(got["features"]) == 1, f"fc must run once per forward pass (it ran {len(got['features'])} times)",
               f"每次前向传播 fc 应只运行一次（实际运行了 {len(got['features'])} 次）")
    w, b = got["before"].get("fc.weight"), got["before"].get("fc.bias")
    check_true(w is not None and b is not None, "the adapted model's fc must have a weight and a bias "
               f"(its parameters are {sorted(got['before'])})",
               f"改造后模型的 fc 必须有 weight 和 bias（它的参数有 {sorted(got['before'])}）")
    check_tensor(got["logits"], got["features"][0] @ w.T + b,
                 say(f"adapt(model, {num_classes})[0](x) for {describe(backbone)} (it must be the new fc applied "
                     "to the backbone's features, the model's last layer)",
                     f"对 {describe_zh(backbone)}，adapt(model, {num_classes})[0](x)（应是新的 fc 作用在主干网络"
                     "特征上的结果，且 fc 是模型的最后一层）"))


# -- what trains and what does not ---------------------------------------------------------


@pytest.mark.parametrize(("backbone", "num_classes"), [CASES[0], ("resnet18", 4)])
def test_every_parameter_but_the_head_is_frozen(kata, backbone, num_classes):
    flags = adapted(kata, backbone, num_classes)["requires_grad"]
    trainable = sorted(k for k, v in flags.items() if v and not k.startswith("fc."))
    check_true(not trainable, f"for {describe(backbone)}, every parameter outside fc must have "
               f"requires_grad=False after adapt, BatchNorm's included (still trainable: {trainable[:6]}"
               f"{' ...' if len(trainable) > 6 else ''})",
               f"对 {describe_zh(backbone)}，adapt 之后 fc 以外的所有参数（包括 BatchNorm 的）都应当 "
               f"requires_grad=False（仍可训练的有：{trainable[:6]}{' ……' if len(trainable) > 6 else ''}）")


@pytest.mark.parametrize(("backbone", "num_classes"), [CASES[1], ("resnet18", 4)])
def test_the_new_head_is_trainable(kata, backbone, num_classes):
    flags = adapted(kata, backbone, num_classes)["requires_grad"]
    frozen = sorted(k for k, v in flags.items() if not v and k.startswith("fc."))
    check_true(not frozen, f"for {describe(backbone)}, the new head must be trainable after adapt "
               f"(frozen: {frozen}): freeze the old parameters first, then create the new fc",
               f"对 {describe_zh(backbone)}，adapt 之后新的输出层必须可训练（被冻结的有：{frozen}）："
               "先冻结旧参数，再创建新的 fc")


@pytest.mark.parametrize(("backbone", "num_classes"), [CASES[2], ("resnet18", 4)])
def test_the_optimizer_holds_the_new_head_only(kata, backbone, num_classes):
    got = adapted(kata, backbone, num_classes)
    check_true(got["is_optimizer"], "adapt(model, num_classes)[1] must be a torch.optim optimizer",
               "adapt(model, num_classes)[1] 必须是 torch.optim 中的优化器")
    optimized = got["optimized"]
    check_true(sorted(optimized) == ["fc.bias", "fc.weight"], f"for {describe(backbone)}, the optimizer must hold "
               f"the new fc's weight and bias and nothing else (it holds {len(optimized)} parameters: "
               f"{sorted(set(optimized))[:6]}{' ...' if len(set(optimized)) > 6 else ''}): build it over "
               "model.fc.parameters() after replacing fc",
               f"对 {describe_zh(backbone)}，优化器只能包含新 fc 的 weight 和 bias（它包含 {len(optimized)} 个参数："
               f"{sorted(set(optimized))[:6]}{' ……' if len(set(optimized)) > 6 else ''}）："
               "请在替换 fc 之后用 model.fc.parameters() 创建优化器")


@pytest.mark.parametrize("lr", [0.01, 0.25])
def test_the_optimizer_uses_lr(kata, lr):
    got = adapted(kata, 24, 5, lr)
    check_true(bool(got["lrs"]) and all(v == lr for v in got["lrs"]),
               f"adapt(model, 5, lr={lr})'s optimizer must have learning rate {lr} (got {got['lrs']})",
               f"adapt(model, 5, lr={lr}) 返回的优化器的学习率应为 {lr}（实际为 {got['lrs']}）")


@pytest.mark.parametrize(("backbone", "num_classes"), CASES[:2])
def test_the_backbone_keeps_its_weights(kata, backbone, num_classes):
    got = adapted(kata, backbone, num_classes)
    for name, value in got["before"].items():
        if not name.startswith("fc."):
            check_tensor(got["state"].get(name), value,
                         say(f"{name} after adapt, for {describe(backbone)} (adapt must keep the trained backbone's "
                             "weights, not build a new model)",
                             f"对 {describe_zh(backbone)}，adapt 之后的 {name}（adapt 必须保留训练好的主干网络权重，"
                             "而不是另建一个模型）"))


@pytest.mark.parametrize(("backbone", "num_classes"), CASES)
def test_a_training_step_changes_the_head_and_nothing_else(kata, backbone, num_classes):
    x, y = batch(backbone, num_classes, seed=100 + backbone)
    got = run(kata, step_probe, backbone, num_classes, 0.5, x, y)
    for name, value in got["before"].items():
        if not name.startswith("fc."):
            check_tensor(got["after"][name], value,
                         say(f"{name} after one optimizer step, for {describe(backbone)} (the backbone is frozen)",
                             f"对 {describe_zh(backbone)}，优化器走一步之后的 {name}（主干网络已冻结，不应改变）"))
    moved = not torch.equal(got["after"]["fc.weight"], got["before"]["fc.weight"])
    check_true(moved, f"for {describe(backbone)}, one optimizer step with lr=0.5 must change fc.weight (it did not): "
               "the optimizer must update the new head",
               f"对 {describe_zh(backbone)}，学习率为 0.5 时优化器走一步应当改变 fc.weight（实际没有变）："
               "优化器必须更新新的输出层")
