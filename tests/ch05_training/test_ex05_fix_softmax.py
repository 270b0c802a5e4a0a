"""Hidden-reference tests for ch05 · ex05 — fix: softmax before the loss."""

import torch
import torch.nn.functional as F
from torch import nn

from grader.checks import check_number, check_tensor, check_true, record_curve, say


def _setup(seed, classes=3, batches=3, scale=1.0):
    """A small seeded linear classifier and labelled batches, the same in judge and worker."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Linear(5, classes)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    data = [(scale * torch.randn(7, 5, generator=g), torch.randint(0, classes, (7,), generator=g))
            for _ in range(batches)]
    return model, optimizer, data


def train_probe(mod, seed):
    """In the worker: run the learner's loop; return losses and the trained parameters."""
    model, optimizer, batches = _setup(seed)
    losses = mod.train_classifier(model, optimizer, batches)
    return {"losses": losses, "state": model.state_dict()}


def _first_batch_logits(seed):
    """The logits and labels of the first batch before any training (no learner code)."""
    model, _, batches = _setup(seed)
    with torch.no_grad():
        return model(batches[0][0]), batches[0][1]


def first_grads_probe(mod, seed):
    """In the worker: the gradients used by the first optimizer.step() of the learner's loop."""
    model, optimizer, batches = _setup(seed)
    used = []
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: used.append({n: p.grad.clone() for n, p in model.named_parameters()}))
    mod.train_classifier(model, optimizer, batches[:1])
    return used[0] if used else None


def easy_data_probe(mod, steps):
    """In the worker: train on one well-separated batch many times; return the losses."""
    torch.manual_seed(0)
    model = nn.Linear(2, 3)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    centres = torch.tensor([[4.0, 0.0], [-4.0, 4.0], [-4.0, -4.0]])
    labels = torch.arange(3).repeat(4)
    x = centres[labels] + 0.3 * torch.randn(12, 2, generator=torch.Generator().manual_seed(1))
    return mod.train_classifier(model, optimizer, [(x, labels)] * steps)


def test_first_loss_is_cross_entropy_of_the_logits(kata):
    logits, labels = _first_batch_logits(0)
    got = kata.probe(train_probe, 0)["losses"]
    check_true(isinstance(got, list) and len(got) == 3,
               f"train_classifier(...) must return one loss per batch (got {got!r})",
               f"train_classifier(...) 必须为每个 batch 返回一个 loss（实际得到 {got!r}）")
    expected = F.cross_entropy(logits, labels).item()
    if isinstance(got[0], float) and abs(got[0] - F.cross_entropy(logits.softmax(1), labels).item()) < 1e-6:
        check_true(False, f"the loss of the first batch is {got[0]:.6g}: the cross-entropy of the "
                   f"softmax of the logits, not of the logits themselves ({expected:.6g})",
                   f"第一个 batch 的 loss 是 {got[0]:.6g}：这是对 logits 先做 softmax 再算的交叉熵，"
                   f"而不是 logits 本身的交叉熵（{expected:.6g}）")
    check_number(got[0], expected, say("train_classifier(...)[0], the cross-entropy of the first batch's logits,",
                                       "train_classifier(...)[0]（第一个 batch 的 logits 的交叉熵）"),
                 atol=1e-5, rtol=1e-4)


def test_first_step_uses_the_cross_entropy_gradient(kata, ref):
    got = kata.probe(first_grads_probe, 1)
    check_true(got is not None, "train_classifier(...) did not call optimizer.step()",
               "train_classifier(...) 没有调用 optimizer.step()")
    for name, value in first_grads_probe(ref, 1).items():
        check_tensor(got[name], value, say(f"the gradient of {name} used by the first optimizer.step() (it must "
                                           "be the gradient of nn.CrossEntropyLoss()(logits, y))",
                                           f"第一次 optimizer.step() 用到的 {name} 的梯度"
                                           "（它应当是 nn.CrossEntropyLoss()(logits, y) 的梯度）"))


def test_losses_and_parameters_match_a_correct_loop(kata, ref):
    got, expected = kata.probe(train_probe, 2), train_probe(ref, 2)
    for i, value in enumerate(expected["losses"]):
        check_number(got["losses"][i], value, f"train_classifier(...)[{i}]", atol=1e-5, rtol=1e-4)
    for name, value in expected["state"].items():
        check_tensor(got["state"][name], value, say(f"model.state_dict()[{name!r}] after train_classifier(...)",
                                                    f"train_classifier(...) 之后的 model.state_dict()[{name!r}]"))


def test_loss_gets_close_to_zero_on_easy_data(kata, record_property):
    losses = kata.probe(easy_data_probe, 40)
    record_curve(record_property, losses)  # drawn under the verdict
    last = losses[-1] if isinstance(losses, list) and losses else losses
    check_true(isinstance(last, float) and last < 0.05,
               f"after 40 steps on well-separated classes the loss must drop below 0.05 (got {last!r}); "
               "with softmax before CrossEntropyLoss it can never go below about 0.55",
               f"在类别分得很开的数据上训练 40 步后，loss 必须降到 0.05 以下（实际为 {last!r}）；"
               "如果在 CrossEntropyLoss 之前做了 softmax，loss 永远降不到约 0.55 以下")
