"""Hidden-reference tests for ch09 · ex13 — logging a training run."""

import pytest
import torch
from torch import nn

from grader.checks import check_number, check_true, hint, say

TAGS = ("loss/train", "loss/val", "accuracy/val", "lr")
# (train_loss, val_loss, val_acc) per epoch; none of them exact in float32
RUN = [(0.8137, 0.9021, 0.6133), (0.5419, 0.7246, 0.7071), (0.4132, 0.6958, 0.7418), (0.3307, 0.7103, 0.7393)]
LR, GAMMA = 0.1, 0.5  # a StepLR halves the rate after every epoch


class RecordingWriter:
    """Stands in for torch.utils.tensorboard.SummaryWriter (the same signatures) and records each call."""

    def __init__(self):
        self.events = []

    def add_scalar(self, tag, scalar_value, global_step=None, walltime=None, new_style=False, double_precision=False):
        self.events.append(("add_scalar", tag, scalar_value, global_step))

    def add_scalars(self, main_tag, tag_scalar_dict, global_step=None, walltime=None):
        self.events.append(("add_scalars", main_tag, None, global_step))

    def flush(self):
        self.events.append(("flush", None, None, None))

    def close(self):
        self.events.append(("close", None, None, None))


def _describe(value):
    """Plain data for a logged value or step: its type's name, its number, whether it requires grad."""
    number = None
    try:
        number = value.detach().item() if isinstance(value, torch.Tensor) else float(value)
    except (TypeError, ValueError, RuntimeError):
        pass
    grad = bool(getattr(value, "requires_grad", False))
    return {"type": type(value).__name__, "number": number, "requires_grad": grad}


def log_probe(mod, epochs):
    """In the worker: log_epoch once per epoch in `epochs` into one recording writer, as a training loop
    would, with a scheduler changing the learning rate after every epoch; the calls each log_epoch made."""
    torch.set_grad_enabled(True)
    model = nn.Linear(3, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=GAMMA)
    writer = RecordingWriter()
    per_call = []
    for epoch in epochs:
        train, val, acc = RUN[epoch % len(RUN)]
        one = torch.ones((), requires_grad=True)
        train_loss = one * train  # the last loss of a training loop: still requires grad
        start = len(writer.events)
        mod.log_epoch(writer, epoch, train_loss, torch.tensor(val), torch.tensor(acc), optimizer)
        per_call.append([(kind, tag, _describe(value), _describe(step))
                         for kind, tag, value, step in writer.events[start:]])
        optimizer.step()
        scheduler.step()
    return per_call


def _expected(epochs):
    """What each call must log, tag -> float (the tensors' float32 values; the rate in use at that epoch)."""
    out = []
    for k, epoch in enumerate(epochs):
        train, val, acc = RUN[epoch % len(RUN)]
        out.append({"loss/train": torch.tensor(train).item(), "loss/val": torch.tensor(val).item(),
                    "accuracy/val": torch.tensor(acc).item(), "lr": LR * GAMMA**k})
    return out


EPOCHS = [0, 1, 2, 3]
CALL = "log_epoch(writer, epoch, train_loss, val_loss, val_acc, optimizer)"


def _scalars(call):
    return [(tag, value, step) for kind, tag, value, step in call if kind == "add_scalar"]


def test_each_call_logs_the_four_tags_once(kata):
    calls = kata.probe(log_probe, EPOCHS)
    for epoch, call in zip(EPOCHS, calls, strict=True):
        tags = sorted(tag for tag, _, _ in _scalars(call))
        others = sorted({kind for kind, _, _, _ in call} - {"add_scalar", "flush", "close"})
        check_true(all(tags.count(tag) == 1 for tag in TAGS),
                   f"{CALL} with epoch={epoch} must call writer.add_scalar once for each of the tags "
                   f"{', '.join(TAGS)} (got the tags {tags}{'; it called writer.' + others[0] if others else ''})",
                   f"epoch={epoch} 时，{CALL} 必须对 {', '.join(TAGS)} 这几个 tag 各调用一次 writer.add_scalar"
                   f"（实际写入的 tag 为 {tags}{'；它调用了 writer.' + others[0] if others else ''}）")


@pytest.mark.parametrize("epochs", [EPOCHS, [7]])
def test_global_step_is_the_epoch(kata, epochs):
    calls = kata.probe(log_probe, epochs)
    for epoch, call in zip(epochs, calls, strict=True):
        for tag, _, step in _scalars(call):
            with hint("pass the step as the third argument, after the value: writer.add_scalar(tag, value, "
                      "global_step=epoch)",
                      "步数是第三个参数，放在值的后面：writer.add_scalar(tag, value, global_step=epoch)"):
                check_true(step["type"] == "int" and step["number"] == epoch,
                           f"the global_step of {tag!r} logged by {CALL} with epoch={epoch} must be {epoch} "
                           f"(got a {step['type']}: {step['number']})",
                           f"epoch={epoch} 时，{CALL} 写入的 {tag!r} 的 global_step 应为 {epoch}"
                           f"（实际得到 {step['type']}：{step['number']}）")


def test_every_value_is_a_python_float(kata):
    calls = kata.probe(log_probe, EPOCHS[:2])
    for epoch, call in zip(EPOCHS, calls, strict=False):
        for tag, value, _ in _scalars(call):
            check_true(value["type"] == "float",
                       f"the value logged for {tag!r} with epoch={epoch} must be a Python float (got a "
                       f"{value['type']}{' that requires grad' if value['requires_grad'] else ''}): take it out of "
                       "its tensor with .item()",
                       f"epoch={epoch} 时为 {tag!r} 记录的值必须是 Python float（实际得到 {value['type']}"
                       f"{'，而且它 requires grad' if value['requires_grad'] else ''}）："
                       "请用 .item() 把它从张量中取出来")


@pytest.mark.parametrize("tag", TAGS[:3])
def test_each_loss_and_the_accuracy_are_logged_under_their_tag(kata, tag):
    calls = kata.probe(log_probe, EPOCHS)
    names = {"loss/train": "train_loss", "loss/val": "val_loss", "accuracy/val": "val_acc"}
    for epoch, call, want in zip(EPOCHS, calls, _expected(EPOCHS), strict=True):
        logged = [value["number"] for t, value, _ in _scalars(call) if t == tag]
        check_true(len(logged) == 1, f"{CALL} with epoch={epoch} must log {tag!r} once (got {len(logged)} times)",
                   f"epoch={epoch} 时，{CALL} 必须把 {tag!r} 记录一次（实际 {len(logged)} 次）")
        check_number(logged[0], want[tag],
                     say(f"the value logged for {tag!r} with epoch={epoch} ({names[tag]})",
                         f"epoch={epoch} 时为 {tag!r} 记录的值（{names[tag]}）"), atol=1e-7, rtol=1e-6)


def test_lr_is_the_rate_in_use_after_a_scheduler_changed_it(kata):
    calls = kata.probe(log_probe, EPOCHS)
    for epoch, call, want in zip(EPOCHS, calls, _expected(EPOCHS), strict=True):
        logged = [value["number"] for t, value, _ in _scalars(call) if t == "lr"]
        check_true(len(logged) == 1, f"{CALL} with epoch={epoch} must log 'lr' once (got {len(logged)} times)",
                   f"epoch={epoch} 时，{CALL} 必须把 'lr' 记录一次（实际 {len(logged)} 次）")
        with hint("a scheduler changes optimizer.param_groups[0][\"lr\"]; optimizer.defaults and the lr the "
                  "optimizer was built with stay as they were",
                  "调度器修改的是 optimizer.param_groups[0][\"lr\"]；optimizer.defaults 和创建优化器时给的 lr "
                  "都不会变"):
            check_number(logged[0], want["lr"],
                         say(f"the 'lr' logged with epoch={epoch} (a scheduler halves the rate after every epoch)",
                             f"epoch={epoch} 时记录的 'lr'（调度器在每个 epoch 之后把学习率减半）"),
                         atol=1e-12, rtol=1e-9)


def test_writer_is_not_closed(kata):
    calls = kata.probe(log_probe, EPOCHS[:2])
    closed = [epoch for epoch, call in zip(EPOCHS, calls, strict=False) if any(kind == "close" for kind, *_ in call)]
    check_true(not closed,
               f"{CALL} must not call writer.close(): the next epochs log into the same writer (it closed it with "
               f"epoch={closed[0] if closed else '?'}); call writer.flush() instead",
               f"{CALL} 不能调用 writer.close()：之后的 epoch 还要往同一个 writer 里写（epoch="
               f"{closed[0] if closed else '?'} 时它关闭了 writer）；请改用 writer.flush()")


def test_writer_is_flushed_after_the_scalars(kata):
    calls = kata.probe(log_probe, EPOCHS[:2])
    for epoch, call in zip(EPOCHS, calls, strict=False):
        kinds = [kind for kind, _, _, _ in call]
        last_scalar = max((i for i, kind in enumerate(kinds) if kind == "add_scalar"), default=-1)
        check_true("flush" in kinds[last_scalar + 1:],
                   f"{CALL} with epoch={epoch} must call writer.flush() after its last add_scalar, so that the "
                   f"curves reach the disk (calls made: {', '.join(kinds) or 'none'})",
                   f"epoch={epoch} 时，{CALL} 必须在最后一次 add_scalar 之后调用 writer.flush()，让曲线写到磁盘上"
                   f"（实际的调用：{', '.join(kinds) or '无'}）")
