"""Hidden-reference tests for ch05 · ex01 — the right loss for the job."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import check_tensor, check_true


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
    logits = logits.clone().requires_grad_(True)
    loss = mod.classification_loss(logits, labels)
    if not (isinstance(loss, torch.Tensor) and loss.requires_grad):
        return "no graph"
    loss.backward()
    return logits.grad


def regression_grad_probe(mod, pred, target):
    """In the worker: backpropagate through the learner's loss and return d loss / d pred."""
    pred = pred.clone().requires_grad_(True)
    loss = mod.regression_loss(pred, target)
    if not (isinstance(loss, torch.Tensor) and loss.requires_grad):
        return "no graph"
    loss.backward()
    return pred.grad


NO_GRAPH = ("{call} returned a loss that autograd cannot backpropagate through: return the loss "
            "tensor itself, not .item() or a new torch.tensor(...)")


def _why_classification(got, logits, labels):
    """A hint when the value matches a known mistake."""
    if not isinstance(got, torch.Tensor) or got.shape != ():
        return ""
    mistakes = {
        "softmax was applied before the loss: CrossEntropyLoss wants the raw logits":
            F.cross_entropy(torch.softmax(logits, dim=1), labels),
        "NLLLoss on raw logits skips the log-softmax: use CrossEntropyLoss":
            F.nll_loss(logits, labels),
        "the loss is summed over the batch; CrossEntropyLoss averages by default":
            F.cross_entropy(logits, labels, reduction="sum"),
    }
    for why, value in mistakes.items():
        if torch.allclose(got.double(), value.double(), atol=1e-5):
            return f"\n  it looks like {why}"
    return ""


@pytest.mark.parametrize("batch, classes", [(4, 3), (7, 5), (1, 10)])
def test_classification_loss_is_cross_entropy_of_the_logits(kata, batch, classes):
    logits, labels = _logits_and_labels(batch * 10 + classes, batch, classes)
    got = kata.classification_loss(logits, labels)
    what = (f"classification_loss(logits of shape {tuple(logits.shape)}, "
            f"labels of shape {tuple(labels.shape)})")
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
    check_true(not isinstance(got, str), NO_GRAPH.format(call="classification_loss(logits, labels)"))
    expected = classification_grad_probe(ref, logits, labels)
    check_tensor(got, expected, "the gradient of classification_loss(logits, labels) with respect to logits")


@pytest.mark.parametrize("batch", [5, 8])
def test_regression_loss_is_mse_of_matching_shapes(kata, batch):
    pred, target = _pred_and_target(batch, batch)
    got = kata.regression_loss(pred, target)
    what = f"regression_loss(pred of shape {tuple(pred.shape)}, target of shape {tuple(target.shape)})"
    try:
        check_tensor(got, F.mse_loss(pred.squeeze(1), target), what)
    except AssertionError as e:
        broadcast = (pred - target).pow(2).mean()  # what (B, 1) - (B,) computes
        if isinstance(got, torch.Tensor) and got.shape == () and torch.allclose(got, broadcast):
            e = type(e)(f"{e}\n  it looks like pred (B, 1) and target (B,) were broadcast to (B, B): "
                        "squeeze pred to (B,) first")
        raise e from None


def test_regression_loss_can_be_backpropagated(kata, ref):
    pred, target = _pred_and_target(3, 6)
    got = kata.probe(regression_grad_probe, pred, target)
    check_true(not isinstance(got, str), NO_GRAPH.format(call="regression_loss(pred, target)"))
    check_tensor(got, regression_grad_probe(ref, pred, target),
                 "the gradient of regression_loss(pred, target) with respect to pred")


def test_regression_loss_of_a_perfect_prediction_is_zero(kata):
    target = torch.tensor([1.5, -2.0, 0.25, 4.0])
    got = kata.regression_loss(target.unsqueeze(1), target)
    check_true(isinstance(got, torch.Tensor) and got.numel() == 1 and got.item() == 0.0,
               f"regression_loss(pred, target) with pred == target (pred as a (4, 1) column) must be 0 "
               f"(got {got!r}); a (B, 1) pred and a (B,) target broadcast to (B, B) unless you squeeze pred")
