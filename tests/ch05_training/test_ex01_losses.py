"""Hidden-reference tests for ch05 · ex01 — the right loss for the job."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import check_tensor, check_true, hint, say


def _logits_and_labels(seed, batch, classes):
    g = torch.Generator().manual_seed(seed)
    logits = 3 * torch.randn(batch, classes, generator=g)
    labels = torch.randint(0, classes, (batch,), generator=g)
    return logits, labels


def _pred_and_target(seed, batch):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(batch, 1, generator=g), torch.randn(batch, generator=g)


def classification_grad_probe(mod, logits, labels):
    """In the worker: backpropagate through the learner's loss and return d loss / d logits."""
    leaf = logits.clone().requires_grad_(True)
    loss = mod.classification_loss(leaf.clone(), labels)  # a non-leaf, as a model's output is
    if not (isinstance(loss, torch.Tensor) and loss.requires_grad):
        return "no graph"
    loss.backward()
    return leaf.grad


def regression_grad_probe(mod, pred, target):
    """In the worker: backpropagate through the learner's loss and return d loss / d pred."""
    leaf = pred.clone().requires_grad_(True)
    loss = mod.regression_loss(leaf.clone(), target)  # a non-leaf, as a model's output is
    if not (isinstance(loss, torch.Tensor) and loss.requires_grad):
        return "no graph"
    loss.backward()
    return leaf.grad


def inputs_after_probe(mod, pred, target):
    """In the worker: call regression_loss on the caller's own tensors; send them back as they are after."""
    mod.regression_loss(pred, target)
    return {"pred": pred, "target": target}


NO_GRAPH = ("{call} returned a loss that autograd cannot backpropagate through: return the loss "
            "tensor itself, not .item() or a new torch.tensor(...)")
NO_GRAPH_ZH = ("{call} 返回的 loss 无法被 autograd 反向传播：请直接返回 loss 张量本身，"
               "不要用 .item() 或新建 torch.tensor(...)")


def _why_classification(got, logits, labels):
    """A hint when the value matches a known mistake."""
    if not isinstance(got, torch.Tensor) or got.shape != ():
        return ""
    mistakes = {
        say("softmax was applied before the loss: CrossEntropyLoss wants the raw logits",
            "在算 loss 之前先做了 softmax：CrossEntropyLoss 要的是原始 logits"):
            F.cross_entropy(torch.softmax(logits, dim=1), labels),
        say("NLLLoss on raw logits skips the log-softmax: use CrossEntropyLoss",
            "直接对原始 logits 用了 NLLLoss，跳过了 log-softmax：请用 CrossEntropyLoss"):
            F.nll_loss(logits, labels),
        say("the loss is summed over the batch; CrossEntropyLoss averages by default",
            "loss 对整个 batch 求了和；CrossEntropyLoss 默认取平均"):
            F.cross_entropy(logits, labels, reduction="sum"),
    }
    for why, value in mistakes.items():
        if torch.allclose(got.double(), value.double(), atol=1e-5):
            return say(f"\n  it looks like {why}", f"\n  看起来{why}")
    return ""


@pytest.mark.parametrize("batch, classes", [(4, 3), (7, 5), (1, 10)])
def test_classification_loss_is_cross_entropy_of_the_logits(kata, batch, classes):
    logits, labels = _logits_and_labels(batch * 10 + classes, batch, classes)
    got = kata.classification_loss(logits, labels)
    what = say(f"classification_loss(logits of shape {tuple(logits.shape)}, "
               f"labels of shape {tuple(labels.shape)})",
               f"classification_loss(形状为 {tuple(logits.shape)} 的 logits, "
               f"形状为 {tuple(labels.shape)} 的 labels)")
    try:
        check_tensor(got, F.cross_entropy(logits, labels), what)
    except AssertionError as e:
        raise type(e)(str(e) + _why_classification(got, logits, labels)) from None


def test_classification_loss_matches_reference_on_confident_logits(kata, ref):
    logits, labels = _logits_and_labels(5, 6, 4)
    logits = 4 * logits  # large scores: softmax is nearly one-hot, the mistakes show clearly
    got = kata.classification_loss(logits, labels)
    try:
        check_tensor(got, ref.classification_loss(logits, labels), "classification_loss(logits, labels)")
    except AssertionError as e:
        raise type(e)(str(e) + _why_classification(got, logits, labels)) from None


def test_classification_loss_can_be_backpropagated(kata, ref):
    logits, labels = _logits_and_labels(11, 5, 3)
    got = kata.probe(classification_grad_probe, logits, labels)
    check_true(not isinstance(got, str), NO_GRAPH.format(call="classification_loss(logits, labels)"),
               NO_GRAPH_ZH.format(call="classification_loss(logits, labels)"))
    expected = classification_grad_probe(ref, logits, labels)
    check_tensor(got, expected, say("the gradient of classification_loss(logits, labels) with respect to logits",
                                    "classification_loss(logits, labels) 对 logits 的梯度"))


@pytest.mark.parametrize("batch", [5, 8])
def test_regression_loss_is_mse_of_matching_shapes(kata, batch):
    pred, target = _pred_and_target(batch, batch)
    got = kata.regression_loss(pred, target)
    what = say(f"regression_loss(pred of shape {tuple(pred.shape)}, target of shape {tuple(target.shape)})",
               f"regression_loss(形状为 {tuple(pred.shape)} 的 pred, 形状为 {tuple(target.shape)} 的 target)")
    try:
        check_tensor(got, F.mse_loss(pred.squeeze(1), target), what)
    except AssertionError as e:
        broadcast = (pred - target).pow(2).mean()  # what (B, 1) - (B,) computes
        if isinstance(got, torch.Tensor) and got.shape == () and torch.allclose(got, broadcast):
            e = type(e)(say(f"{e}\n  it looks like pred (B, 1) and target (B,) were broadcast to (B, B): "
                            "squeeze pred to (B,) first",
                            f"{e}\n  看起来 pred (B, 1) 和 target (B,) 被广播成了 (B, B)：请先把 pred squeeze 成 (B,)"))
        raise e from None


def test_regression_loss_can_be_backpropagated(kata, ref):
    pred, target = _pred_and_target(3, 6)
    got = kata.probe(regression_grad_probe, pred, target)
    check_true(not isinstance(got, str), NO_GRAPH.format(call="regression_loss(pred, target)"),
               NO_GRAPH_ZH.format(call="regression_loss(pred, target)"))
    check_tensor(got, regression_grad_probe(ref, pred, target),
                 say("the gradient of regression_loss(pred, target) with respect to pred",
                     "regression_loss(pred, target) 对 pred 的梯度"))


def test_regression_loss_of_a_perfect_prediction_is_zero(kata):
    target = torch.tensor([1.5, -2.0, 0.25, 4.0])
    got = kata.regression_loss(target.unsqueeze(1), target)
    check_true(isinstance(got, torch.Tensor) and got.numel() == 1 and got.item() == 0.0,
               f"regression_loss(pred, target) with pred == target (pred as a (4, 1) column) must be 0 "
               f"(got {got!r}); a (B, 1) pred and a (B,) target broadcast to (B, B) unless you squeeze pred",
               f"pred == target（pred 为 (4, 1) 的列）时，regression_loss(pred, target) 必须为 0"
               f"（实际为 {got!r}）；不先 squeeze pred 的话，(B, 1) 的 pred 和 (B,) 的 target 会被广播成 (B, B)")


def test_regression_loss_leaves_its_inputs_unchanged(kata):
    pred, target = _pred_and_target(7, 5)
    got = kata.probe(inputs_after_probe, pred, target)
    with hint("the caller still holds pred and target: squeeze a new tensor with pred.squeeze(1), do not reshape "
              "pred itself with squeeze_",
              "调用者还要用 pred 和 target：请用 pred.squeeze(1) 得到一个新张量，不要用 squeeze_ 原地改变 pred 本身"):
        check_tensor(got["pred"], pred, say("pred after regression_loss(pred, target)",
                                            "调用 regression_loss(pred, target) 之后的 pred"))
        check_tensor(got["target"], target, say("target after regression_loss(pred, target)",
                                                "调用 regression_loss(pred, target) 之后的 target"))
