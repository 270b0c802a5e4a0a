"""Hidden-reference tests for ch07 · ex02 — a classifier for MNIST.

The model is run on realistic batches (8 and 64 images) in training mode, as a training
loop would (batch norm needs more than one image per batch there), and on a single image
in eval mode, as a prediction would.
"""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import check_equal, check_true, say


def model_probe(mod, batch, training=True):
    """In the worker: build the model, run a batch forward and backward in the given mode."""
    torch.manual_seed(0)
    model = mod.build_model()
    if not isinstance(model, nn.Module):
        if isinstance(model, type):
            return {"is_module": False, "class": model.__name__}
        return {"is_module": False, "type": type(model).__name__}
    model.train(training)
    images = torch.randn(batch, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    out = model(images)
    F.cross_entropy(out, torch.arange(batch) % 10).backward()
    params = [p for p in model.parameters() if p.requires_grad]
    return {
        "is_module": True,
        "out": out.detach(),
        "params": sum(p.numel() for p in params),
        "without_grad": [n for n, p in model.named_parameters() if p.requires_grad and p.grad is None],
    }


def a_module(result):
    """`result` once build_model() is known to have returned a module."""
    if "class" in result:
        check_true(False, f"build_model() must return a model, an instance of {result['class']} (got the class "
                   f"itself: return {result['class']}())",
                   f"build_model() 必须返回一个模型，即 {result['class']} 的实例（实际得到的是类本身："
                   f"请返回 {result['class']}()）")
    check_true(result["is_module"], f"build_model() must return an nn.Module (got {result.get('type')})",
               f"build_model() 必须返回 nn.Module（实际得到 {result.get('type')}）")
    return result


@pytest.fixture(scope="module")
def got(kata):
    return kata.probe(model_probe, 8)


def test_returns_an_nn_module(got):
    a_module(got)


@pytest.mark.parametrize("batch", [8, 64])
def test_maps_a_batch_of_images_to_ten_logits(kata, batch):
    out = a_module(kata.probe(model_probe, batch))["out"]
    check_equal(tuple(out.shape), (batch, 10), say(f"model(images of shape ({batch}, 1, 28, 28)).shape",
                                                   f"model(形状为 ({batch}, 1, 28, 28) 的 images).shape"))
    check_equal(out.dtype, torch.float32, say("the output's dtype", "输出的 dtype"))


def test_maps_a_single_image_in_eval_mode(kata):
    out = a_module(kata.probe(model_probe, 1, training=False))["out"]
    check_equal(tuple(out.shape), (1, 10), say("model(an image of shape (1, 1, 28, 28)).shape, in eval mode",
                                               "eval 模式下 model(形状为 (1, 1, 28, 28) 的一张图像).shape"))


def test_has_a_sensible_number_of_parameters(got):
    n = a_module(got)["params"]
    check_true(1_000 <= n <= 5_000_000, f"the model has {n:,} trainable parameters; keep it between "
               "1,000 and 5,000,000",
               f"模型有 {n:,} 个可训练参数；请控制在 1,000 到 5,000,000 之间")


def test_every_parameter_gets_a_gradient(got):
    a_module(got)
    check_true(not got["without_grad"], f"these parameters get no gradient: {got['without_grad']} — "
               "are they used in forward?",
               f"这些参数没有得到梯度：{got['without_grad']}——forward 里用到它们了吗？")


def test_outputs_logits_not_probabilities(got):
    out = a_module(got)["out"]
    sums = out.sum(dim=1)
    probabilities = bool((out >= 0).all()) and torch.allclose(sums, torch.ones_like(sums), atol=1e-4)
    check_true(not probabilities, "the outputs sum to 1 per row: remove the final softmax, "
               "CrossEntropyLoss expects raw logits",
               "输出的每一行加起来都是 1：请去掉最后的 softmax，CrossEntropyLoss 需要的是原始 logits")


def test_outputs_are_raw_scores_that_can_be_negative(got):
    out = a_module(got)["out"]
    sums = out.sum(dim=1)
    softmax = torch.allclose(sums, torch.ones_like(sums), atol=1e-4)  # told apart by the test above
    if bool((out > 0).all()) and bool((out < 1).all()) and not softmax:
        check_true(False, "every output lies between 0 and 1: remove the final sigmoid, the model must "
                   "end with the last Linear layer (raw logits, any sign)",
                   "所有输出都在 0 到 1 之间：请去掉最后的 sigmoid，模型应当以最后一个 Linear 层结尾"
                   "（原始 logits，可正可负）")
    check_true(not bool((out >= 0).all()), "no output is negative: remove the activation after the last "
               "Linear layer (a ReLU there cuts every negative logit to 0)",
               "没有任何输出是负数：请去掉最后一个 Linear 层之后的激活函数（那里的 ReLU 会把负的 logits 都变成 0）")


def test_outputs_depend_on_the_image(got):
    out = a_module(got)["out"]
    check_true(not torch.allclose(out[0], out[1]), "two different images give the same logits",
               "两张不同的图像得到了相同的 logits")
