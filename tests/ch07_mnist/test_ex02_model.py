"""Hidden-reference tests for ch07 · ex02 — a classifier for MNIST."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import check_equal, check_true, say


def model_probe(mod, batch):
    """In the worker: build the model, run a batch forward and backward."""
    torch.manual_seed(0)
    model = mod.build_model()
    if not isinstance(model, nn.Module):
        return {"is_module": False, "type": type(model).__name__}
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


@pytest.fixture(scope="module")
def got(kata):
    return kata.probe(model_probe, 7)


def test_returns_an_nn_module(got):
    check_true(got["is_module"], f"build_model() must return an nn.Module (got {got.get('type')})",
               f"build_model() 必须返回 nn.Module（实际得到 {got.get('type')}）")


@pytest.mark.parametrize("batch", [1, 7])
def test_maps_a_batch_of_images_to_ten_logits(kata, batch):
    out = kata.probe(model_probe, batch)["out"]
    check_equal(tuple(out.shape), (batch, 10), say(f"model(images of shape ({batch}, 1, 28, 28)).shape",
                                                   f"model(形状为 ({batch}, 1, 28, 28) 的 images).shape"))
    check_equal(out.dtype, torch.float32, say("the output's dtype", "输出的 dtype"))


def test_has_a_sensible_number_of_parameters(got):
    n = got["params"]
    check_true(1_000 <= n <= 5_000_000, f"the model has {n:,} trainable parameters; keep it between "
               "1,000 and 5,000,000",
               f"模型有 {n:,} 个可训练参数；请控制在 1,000 到 5,000,000 之间")


def test_every_parameter_gets_a_gradient(got):
    check_true(not got["without_grad"], f"these parameters get no gradient: {got['without_grad']} — "
               "are they used in forward?",
               f"这些参数没有得到梯度：{got['without_grad']}——forward 里用到它们了吗？")


def test_outputs_logits_not_probabilities(got):
    out = got["out"]
    sums = out.sum(dim=1)
    probabilities = bool((out >= 0).all()) and torch.allclose(sums, torch.ones_like(sums), atol=1e-4)
    check_true(not probabilities, "the outputs sum to 1 per row: remove the final softmax, "
               "CrossEntropyLoss expects raw logits",
               "输出的每一行加起来都是 1：请去掉最后的 softmax，CrossEntropyLoss 需要的是原始 logits")


def test_outputs_depend_on_the_image(got):
    out = got["out"]
    check_true(not torch.allclose(out[0], out[1]), "two different images give the same logits",
               "两张不同的图像得到了相同的 logits")
