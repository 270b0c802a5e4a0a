"""Hidden-reference tests for ch04 · ex05 — LeNet for 3×32×32 images."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import check_tensor, check_true, say

EXPECTED_SHAPES = {
    "conv1.weight": (6, 3, 5, 5), "conv1.bias": (6,),
    "conv2.weight": (16, 6, 5, 5), "conv2.bias": (16,),
    "fc1.weight": (120, 400), "fc1.bias": (120,),
    "fc2.weight": (84, 120), "fc2.bias": (84,),
    "fc3.weight": (10, 84), "fc3.bias": (10,),
}


def images(batch, seed):
    return torch.randn(batch, 3, 32, 32, generator=torch.Generator().manual_seed(seed))


def manual_lenet(s, x):
    """What LeNet must compute, from its own weights."""
    x = F.max_pool2d(torch.relu(F.conv2d(x, s["conv1.weight"], s["conv1.bias"])), 2)
    x = F.max_pool2d(torch.relu(F.conv2d(x, s["conv2.weight"], s["conv2.bias"])), 2)
    x = x.flatten(1)
    x = torch.relu(F.linear(x, s["fc1.weight"], s["fc1.bias"]))
    x = torch.relu(F.linear(x, s["fc2.weight"], s["fc2.bias"]))
    return F.linear(x, s["fc3.weight"], s["fc3.bias"])


# -- probes (run in the worker with the learner's module) ------------------------------


def shapes_probe(mod):
    torch.manual_seed(0)
    return {k: tuple(v.shape) for k, v in mod.LeNet().state_dict().items()}


def forward_probe(mod, x, seed=0):
    torch.manual_seed(seed)
    model = mod.LeNet().eval()
    with torch.no_grad():
        out = model(x)
    return {"state": {k: v.detach() for k, v in model.state_dict().items()}, "out": out}


def train_mode_probe(mod, x):
    """The same model's output in training mode, then in eval mode."""
    torch.manual_seed(0)
    model = mod.LeNet().train()
    with torch.no_grad():
        train = model(x)
        model.eval()
        return train, model(x)


def one_by_one_probe(mod, x):
    torch.manual_seed(0)
    model = mod.LeNet().eval()
    with torch.no_grad():
        return model(x), torch.cat([model(x[i : i + 1]) for i in range(len(x))])


# -- tests --------------------------------------------------------------------------------


def test_has_every_layer_with_its_parameter_shapes(kata):
    shapes = kata.probe(shapes_probe)
    missing = [k for k in EXPECTED_SHAPES if k not in shapes]
    extra = sorted(set(shapes) - set(EXPECTED_SHAPES))
    check_true(not missing, f"LeNet().state_dict() is missing {missing} (it has {sorted(shapes)}); "
               "use the attribute names conv1, conv2, fc1, fc2, fc3",
               f"LeNet().state_dict() 缺少 {missing}（现有 {sorted(shapes)}）；"
               "请使用属性名 conv1, conv2, fc1, fc2, fc3")
    check_true(not extra, f"LeNet().state_dict() has unexpected entries {extra}: LeNet has two conv "
               "layers and three linear layers, nothing else with weights",
               f"LeNet().state_dict() 中有多余的条目 {extra}：LeNet 只有两个卷积层和三个全连接层带权重，别的都没有")
    for k, shape in EXPECTED_SHAPES.items():
        why = ": after two conv+pool stages, 16 maps of 5×5 = 400 numbers reach fc1"
        why_zh = "：经过两轮卷积+池化后，16 张 5×5 的特征图，共 400 个数进入 fc1"
        check_true(shapes[k] == shape, f"LeNet().state_dict()[{k!r}] must have shape {shape} "
                   f"(got {shapes[k]}){why if k == 'fc1.weight' else ''}",
                   f"LeNet().state_dict()[{k!r}] 的形状应为 {shape}"
                   f"（实际为 {shapes[k]}）{why_zh if k == 'fc1.weight' else ''}")


@pytest.mark.parametrize("batch", [1, 4, 5])
def test_output_is_batch_by_ten(kata, batch):
    out = kata.probe(forward_probe, images(batch, seed=batch))["out"]
    check_true(isinstance(out, torch.Tensor), f"LeNet()(x) must return a tensor (got {type(out).__name__})",
               f"LeNet()(x) 必须返回张量（实际得到 {type(out).__name__}）")
    check_true(tuple(out.shape) == (batch, 10),
               f"LeNet()(x) for x of shape ({batch}, 3, 32, 32) must have shape ({batch}, 10) "
               f"(got {tuple(out.shape)})",
               f"x 的形状为 ({batch}, 3, 32, 32) 时，LeNet()(x) 的形状应为 ({batch}, 10)"
               f"（实际为 {tuple(out.shape)}）")


def test_logits_are_not_probabilities(kata):
    x = images(4, seed=30)
    out = kata.probe(forward_probe, x)["out"]
    ones = torch.ones(len(x))
    normalised = isinstance(out, torch.Tensor) and out.shape == (len(x), 10) and (
        torch.allclose(out.sum(1), ones, atol=1e-4) or torch.allclose(out.exp().sum(1), ones, atol=1e-4))
    check_true(not normalised, "LeNet()(x) must return raw logits, not probabilities (each row of it is a "
               "softmax or log_softmax): return fc3's output as it is, the loss function applies the softmax",
               "LeNet()(x) 必须返回原始 logits，而不是概率（它的每一行都是 softmax 或 log_softmax 的结果）："
               "直接返回 fc3 的输出，softmax 由损失函数来做")


def test_logits_can_be_negative(kata):
    x = images(4, seed=31)
    out = kata.probe(forward_probe, x)["out"]
    if not isinstance(out, torch.Tensor):
        return  # test_output_is_batch_by_ten says what it returned instead
    check_true(bool((out < 0).any()), "LeNet()(x) must return raw logits, some of them negative "
               f"(got none below 0 among its {out.numel()} values): no ReLU (or sigmoid, softmax) after fc3",
               f"LeNet()(x) 必须返回原始 logits，其中应有负数（实际它的 {out.numel()} 个值中没有一个小于 0）："
               "fc3 之后不要再加 ReLU（或 sigmoid、softmax）")


@pytest.mark.parametrize("seed", [0, 1])
def test_output_matches_lenet_on_its_own_weights(kata, seed):
    x = images(3, seed=10 + seed)
    got = kata.probe(forward_probe, x, seed)
    check_true(set(got["state"]) == set(EXPECTED_SHAPES),
               f"LeNet() must hold exactly the layers conv1, conv2, fc1, fc2, fc3 (its state_dict has "
               f"{sorted(got['state'])})",
               f"LeNet() 应当只包含 conv1, conv2, fc1, fc2, fc3 这几层（它的 state_dict 中有 "
               f"{sorted(got['state'])}）")
    check_tensor(got["out"], manual_lenet(got["state"], x),
                 say("LeNet()(x), compared with conv → ReLU → max pool (twice), then "
                     "fc1 → ReLU → fc2 → ReLU → fc3 on its own weights (no softmax at the end)",
                     "LeNet()(x)（与用它自己的权重依次计算 conv → ReLU → max pool（两次）、"
                     "fc1 → ReLU → fc2 → ReLU → fc3 的结果对比；最后不要加 softmax）"))


def test_each_image_gets_the_same_output_alone_or_in_a_batch(kata):
    batched, alone = kata.probe(one_by_one_probe, images(4, seed=20))
    check_tensor(batched, alone, say("LeNet()(x) for a batch of 4, compared with the same images one at a time "
                                     "(flatten with x.flatten(1) so images stay apart)",
                                     "对 4 张图像组成的 batch 计算的 LeNet()(x)（与逐张计算的结果对比；"
                                     "请用 x.flatten(1) 展平，让不同图像的数据不会混在一起）"))


def test_training_mode_gives_the_same_output(kata):
    train, evaluate = kata.probe(train_mode_probe, images(4, seed=21))
    check_tensor(train, evaluate, say("LeNet()(x) in training mode, compared with the same model in eval mode "
                                      "(LeNet has no dropout or batch norm, so the mode must not change its output)",
                                      "训练模式下的 LeNet()(x)（与同一个模型在 eval 模式下的输出对比；"
                                      "LeNet 没有 dropout 或 batch norm，模式不应改变它的输出）"))
