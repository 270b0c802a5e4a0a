"""Hidden-reference tests for ch07 · ex04 — evaluation.

A seeded model with dropout, 100 images in batches of 32, 32, 32, 4; the first 40 labels
are the model's own predictions, so batches differ in accuracy and averaging per batch
gives a different (wrong) number. The model comes in training mode (or, once, in eval
mode) with gradients on; what forward saw and the state left afterwards are reported.
"""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_equal, check_number, check_true, hint, say


class FlagRecorder(nn.Module):
    """Passes its input through and remembers (training mode, grad enabled, batch size)."""

    def __init__(self):
        super().__init__()
        self.flags = []

    def forward(self, x):
        self.flags.append((self.training, torch.is_grad_enabled(), len(x)))
        return x


def run(evaluate, seed, training=True):
    """Build the scenario, evaluate with `evaluate`, report what happened and what it left."""
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    torch.set_grad_enabled(True)
    recorder = FlagRecorder()
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Dropout(0.5), recorder,
                          nn.Linear(32, 10))
    images = torch.randn(100, 1, 28, 28, generator=g)
    labels = torch.randint(0, 10, (100,), generator=g)
    model.eval()
    with torch.no_grad():
        labels[:40] = model(images[:40]).argmax(dim=1)
    recorder.flags.clear()
    model.train(training)  # in training mode on purpose (by default): evaluate must switch it
    try:
        accuracy = evaluate(model, DataLoader(TensorDataset(images, labels), batch_size=32))
        grad_after = torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(True)
    return {"accuracy": accuracy, "flags": recorder.flags, "grad_after": grad_after,
            "training_after": model.training}


def evaluate_probe(mod, seed, training=True):
    """In the worker: the scenario with the learner's evaluate."""
    return run(mod.evaluate, seed, training)


@pytest.fixture(scope="module", params=[0, 1])
def case(request, kata, ref):
    return kata.probe(evaluate_probe, request.param), run(ref.evaluate, request.param)


def test_runs_in_eval_mode(case):
    got, _ = case
    check_true(got["flags"] and not any(training for training, _, _ in got["flags"]),
               "the model was in training mode (dropout on): call model.eval() first",
               "模型处于训练模式（dropout 开着）：请先调用 model.eval()")


def test_runs_without_gradients(case):
    got, _ = case
    check_true(got["flags"] and not any(grad for _, grad, _ in got["flags"]),
               "forward ran with gradients enabled: wrap the loop in `with torch.no_grad():`",
               "forward 运行时开着梯度计算：请把循环放进 `with torch.no_grad():`")


def test_every_image_is_evaluated(case):
    got, _ = case
    seen = sum(size for _, _, size in got["flags"])
    with hint("run the model on every batch, the last, smaller one too, and return only after the loop",
              "对每个 batch 都运行模型，包括最后那个较小的 batch，并且在循环结束之后再 return"):
        check_equal(seen, 100, say("the number of images the model saw in evaluate(model, loader) "
                                   "(100 images in batches of 32, 32, 32, 4)",
                                   "evaluate(model, loader) 中模型看到的图像数"
                                   "（100 张图像，分成 32、32、32、4 四个 batch）"))


def test_accuracy_matches_the_reference(case):
    got, expected = case
    with hint("the accuracy is the number of images whose highest logit, logits.argmax(dim=1), is the label, "
              "divided by the number of images (not of batches)",
              "准确率 = 最高 logit（logits.argmax(dim=1)）等于标签的图像数 ÷ 图像总数（不是 batch 的个数）"):
        check_number(got["accuracy"], expected["accuracy"], say("evaluate(model, loader) (a fraction in [0, 1])",
                                                                "evaluate(model, loader)（[0, 1] 之间的比例）"))


def test_gradients_are_on_again_afterwards(case):
    got, _ = case
    check_true(got["grad_after"],
               "gradients must be on again after evaluate(model, loader) (got them left off, so the next "
               "training step would learn nothing): use `with torch.no_grad():`, which turns them back on "
               "at the end of the block",
               "evaluate(model, loader) 返回后梯度计算必须重新打开（实际仍是关着的，之后的训练步骤将什么都学不到）："
               "请用 `with torch.no_grad():`，它会在代码块结束时自动恢复")


def test_a_model_in_eval_mode_stays_in_eval_mode(kata):
    got = kata.probe(evaluate_probe, 2, training=False)
    with hint("leave the model in eval mode, or give it back the mode it came in: model.train(was_training)",
              "让模型停在 eval 模式，或者恢复它传进来时的模式：model.train(was_training)"):
        check_equal(got["training_after"], False,
                    say("model.training after evaluate(model, loader) on a model already in eval mode",
                        "对已处于 eval 模式的模型调用 evaluate(model, loader) 之后的 model.training"))
