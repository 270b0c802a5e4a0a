"""Hidden-reference tests for ch09 · ex06 — a loss that turns into NaN."""

import pytest
import torch
import torch.nn.functional as F

from grader import probes
from grader.checks import check_tensor, check_true, say

# (batch, classes): non-square, one sample, two classes.
SHAPES = [(6, 4), (9, 3), (1, 5), (7, 2)]


def _targets(n, c, seed):
    return torch.randint(0, c, (n,), generator=torch.Generator().manual_seed(seed))


def _call(logits):
    return say(f"cross_entropy(logits, targets) for logits of shape {tuple(logits.shape)}",
               f"logits 形状为 {tuple(logits.shape)} 时的 cross_entropy(logits, targets)")


def _scaled(n, c, scale, seed):
    return probes.randn(n, c, seed=seed) * scale


def gradient_probe(mod, logits, targets):
    """In the worker: the gradient of the learner's loss with respect to the logits."""
    logits = logits.clone().requires_grad_(True)
    mod.cross_entropy(logits, targets).backward()
    return logits.grad


def logits_after_probe(mod, logits, targets):
    """In the worker: the caller's logits after cross_entropy has used them."""
    mod.cross_entropy(logits, targets)
    return logits


def training_probe(mod, state, x, y, steps, lr):
    """In the worker: the given training loop with the learner's loss, from fixed weights."""
    model = torch.nn.Linear(x.shape[1], int(y.max()) + 1)
    model.load_state_dict(state)
    losses = mod.train(model, x, y, steps, lr)
    return {"losses": losses, "weight": model.weight.detach()}


def test_returns_a_scalar_tensor(kata):
    logits, targets = probes.randn(6, 4, seed=1), _targets(6, 4, seed=1)
    got = kata.cross_entropy(logits, targets)
    check_tensor(got, F.cross_entropy(logits, targets), _call(logits), atol=1e-4)


@pytest.mark.parametrize("n, c", SHAPES)
def test_matches_cross_entropy_on_ordinary_logits(kata, n, c):
    logits, targets = _scaled(n, c, 3.0, seed=n * c), _targets(n, c, seed=n + c)
    check_tensor(kata.cross_entropy(logits, targets), F.cross_entropy(logits, targets), _call(logits), atol=1e-4)


def test_is_log_of_the_number_of_classes_when_every_logit_is_equal(kata):
    # A model with no preference gives every class the probability 1 / C: the loss is log(C).
    logits, targets = torch.full((6, 4), 2.5), _targets(6, 4, seed=8)
    check_tensor(kata.cross_entropy(logits, targets), torch.tensor(4.0).log(),
                 say("cross_entropy(logits, targets) for 6 rows of 4 equal logits (log 4 expected)",
                     "6 行、每行 4 个相等 logits 时的 cross_entropy(logits, targets)（应为 log 4）"), atol=1e-4)


def test_matches_cross_entropy_on_logits_that_are_already_log_probabilities(kata):
    logits = torch.log_softmax(probes.randn(7, 3, seed=9) * 2, dim=1)
    targets = _targets(7, 3, seed=9)
    check_tensor(kata.cross_entropy(logits, targets), F.cross_entropy(logits, targets),
                 say("cross_entropy(logits, targets) for logits of shape (7, 3) whose rows are log-probabilities",
                     "logits 形状为 (7, 3)、每行都是对数概率时的 cross_entropy(logits, targets)"), atol=1e-4)


@pytest.mark.parametrize("n, c, scale", [(6, 4, 200.0), (5, 3, 1000.0)])
def test_stays_finite_and_right_on_large_logits(kata, n, c, scale):
    logits, targets = _scaled(n, c, scale, seed=c), _targets(n, c, seed=n)
    got = kata.cross_entropy(logits, targets)
    check_true(isinstance(got, torch.Tensor) and bool(torch.isfinite(got).all()),
               f"cross_entropy(logits, targets) must be finite for logits about {scale:g} in size (got {got}): "
               "exp overflows float32 above about 88 and a probability that rounds to 0 has log -inf, "
               "so compute log_softmax, never exp or log on their own",
               f"logits 的大小约为 {scale:g} 时，cross_entropy(logits, targets) 必须是有限值（实际为 {got}）："
               "float32 中超过 88 左右的数取 exp 就会溢出，被舍入成 0 的概率取 log 又是 -inf，"
               "所以要用 log_softmax，不要单独算 exp 或 log")
    check_tensor(got, F.cross_entropy(logits, targets), _call(logits), atol=1e-3)


def test_is_right_when_every_logit_is_shifted_by_a_large_constant(kata):
    # Adding the same number to a row changes nothing in the softmax, so nothing in the loss.
    logits, targets = probes.randn(5, 4, seed=7) + 500.0, _targets(5, 4, seed=7)
    check_tensor(kata.cross_entropy(logits, targets), F.cross_entropy(logits, targets),
                 say("cross_entropy(logits, targets) for logits of shape (5, 4) all close to 500",
                     "logits 形状为 (5, 4)、数值都在 500 附近时的 cross_entropy(logits, targets)"), atol=1e-3)


def test_is_right_when_the_target_is_far_below_the_best_class(kata):
    # Every target logit is 150 below the largest one: its softmax probability is 0 in float32.
    logits = torch.tensor([[150.0, 0.0, 10.0], [0.0, 5.0, 150.0], [-20.0, 150.0, 0.0], [1.0, 2.0, 3.0]])
    targets = torch.tensor([1, 0, 0, 2])
    got = kata.cross_entropy(logits, targets)
    check_true(isinstance(got, torch.Tensor) and bool(torch.isfinite(got).all()),
               f"cross_entropy(logits, targets) must be finite when a target's probability rounds to 0 (got {got}): "
               "log(softmax) gives log(0) = -inf there; use log_softmax, which never takes that log",
               f"当目标类别的概率被舍入成 0 时，cross_entropy(logits, targets) 必须是有限值（实际为 {got}）："
               "log(softmax) 在这里得到 log(0) = -inf；请用 log_softmax，它不会去算这个 log")
    check_tensor(got, F.cross_entropy(logits, targets), _call(logits), atol=1e-3)


@pytest.mark.parametrize("n, c, scale", [(6, 4, 2.0), (5, 3, 300.0)])
def test_gradient_matches_cross_entropy(kata, n, c, scale):
    logits, targets = _scaled(n, c, scale, seed=n + 10), _targets(n, c, seed=c + 10)
    expected = logits.clone().requires_grad_(True)
    F.cross_entropy(expected, targets).backward()
    got = kata.probe(gradient_probe, logits, targets)
    check_tensor(got, expected.grad,
                 say("the gradient of cross_entropy(logits, targets) with respect to logits of shape "
                     f"{tuple(logits.shape)}",
                     f"cross_entropy(logits, targets) 对形状为 {tuple(logits.shape)} 的 logits 的梯度"),
                 atol=1e-5)


def test_leaves_the_callers_logits_unchanged(kata):
    logits, targets = _scaled(5, 4, 50.0, seed=12), _targets(5, 4, seed=12)
    got = kata.probe(logits_after_probe, logits, targets)
    check_tensor(got, logits, say("the logits passed to cross_entropy(logits, targets), after the call",
                                  "调用 cross_entropy(logits, targets) 之后，传进去的 logits"), atol=0, rtol=0)


def test_training_on_large_inputs_keeps_a_finite_loss(kata, ref):
    torch.manual_seed(0)
    model = torch.nn.Linear(5, 3)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    x = probes.randn(40, 5, seed=3) * 50
    y = _targets(40, 3, seed=3)
    expected = ref.train(model, x, y, 8, 0.5)
    got = kata.probe(training_probe, state, x, y, 8, 0.5)
    losses = got["losses"]
    check_true(isinstance(losses, list) and len(losses) == 8,
               f"train(model, x, y, 8, 0.5) must return 8 losses (got {losses!r})",
               f"train(model, x, y, 8, 0.5) 必须返回 8 个损失（实际为 {losses!r}）")
    bad = [i for i, v in enumerate(losses) if not (isinstance(v, float) and torch.isfinite(torch.tensor(v)))]
    check_true(not bad,
               f"every loss of train(model, x, y, 8, 0.5) on inputs about 50 in size must be a finite number "
               f"(step {bad[0] if bad else None} gave {losses[bad[0]] if bad else None})",
               f"输入大小约为 50 时，train(model, x, y, 8, 0.5) 的每个损失都必须是有限的数"
               f"（第 {bad[0] if bad else None} 步得到 {losses[bad[0]] if bad else None}）")
    check_tensor(torch.tensor(losses), torch.tensor(expected),
                 say("the losses of train(model, x, y, 8, 0.5)", "train(model, x, y, 8, 0.5) 的各步损失"),
                 atol=1e-2, rtol=1e-3)
    check_tensor(got["weight"], model.weight.detach(),
                 say("model.weight after train(model, x, y, 8, 0.5)", "train(model, x, y, 8, 0.5) 之后的 model.weight"),
                 atol=1e-3, rtol=1e-3)
