"""Hidden-reference tests for ch07 · ex04 — evaluation.

A seeded model with dropout, 100 images in batches of 32, 32, 32, 4; the first 40 labels
are the model's own predictions, so batches differ in accuracy and averaging per batch
gives a different (wrong) number.
"""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_number, check_true, say


class FlagRecorder(nn.Module):
    """Passes its input through and remembers (training mode, grad enabled)."""

    def __init__(self):
        super().__init__()
        self.flags = []

    def forward(self, x):
        self.flags.append((self.training, torch.is_grad_enabled()))
        return x


def run(evaluate, seed):
    """Build the scenario, evaluate with `evaluate`, report what happened."""
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    recorder = FlagRecorder()
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Dropout(0.5), recorder,
                          nn.Linear(32, 10))
    images = torch.randn(100, 1, 28, 28, generator=g)
    labels = torch.randint(0, 10, (100,), generator=g)
    model.eval()
    with torch.no_grad():
        labels[:40] = model(images[:40]).argmax(dim=1)
    recorder.flags.clear()
    model.train()  # left in training mode on purpose: evaluate must switch it
    accuracy = evaluate(model, DataLoader(TensorDataset(images, labels), batch_size=32))
    return {"accuracy": accuracy, "flags": recorder.flags}


def evaluate_probe(mod, seed):
    """In the worker: the scenario with the learner's evaluate."""
    return run(mod.evaluate, seed)


@pytest.fixture(scope="module", params=[0, 1])
def case(request, kata, ref):
    return kata.probe(evaluate_probe, request.param), run(ref.evaluate, request.param)


def test_accuracy_matches_the_reference(case):
    got, expected = case
    check_number(got["accuracy"], expected["accuracy"], say("evaluate(model, loader) (a fraction in [0, 1])",
                                                            "evaluate(model, loader)（[0, 1] 之间的比例）"))


def test_runs_in_eval_mode(case):
    got, _ = case
    check_true(got["flags"] and not any(training for training, _ in got["flags"]),
               "the model was in training mode (dropout on): call model.eval() first",
               "模型处于训练模式（dropout 开着）：请先调用 model.eval()")


def test_runs_without_gradients(case):
    got, _ = case
    check_true(got["flags"] and not any(grad for _, grad in got["flags"]),
               "forward ran with gradients enabled: wrap the loop in `with torch.no_grad():`",
               "forward 运行时开着梯度计算：请把循环放进 `with torch.no_grad():`")
