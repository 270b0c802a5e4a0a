"""Hidden-reference tests for ch07 · ex03 — one training epoch.

The same small scenario (seeded model, 80 images in batches of 32, 32, 16, SGD with
momentum) runs the learner's loop in the worker and the reference loop here; the
final weights, the returned loss and the mode seen in forward must agree.
"""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_number, check_tensor, check_true, say


class ModeRecorder(nn.Module):
    """Passes its input through and remembers whether the model was in training mode."""

    def __init__(self):
        super().__init__()
        self.modes = []

    def forward(self, x):
        self.modes.append(self.training)
        return x


def run(train_one_epoch, seed):
    """Build the scenario, run one epoch with `train_one_epoch`, report what happened."""
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    recorder = ModeRecorder()
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.ReLU(), recorder, nn.Linear(16, 10))
    model.eval()  # left in eval mode on purpose: the loop must switch it back
    images = torch.randn(80, 1, 28, 28, generator=g)
    labels = torch.randint(0, 10, (80,), generator=g)
    loader = DataLoader(TensorDataset(images, labels), batch_size=32)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = train_one_epoch(model, loader, optimizer, nn.CrossEntropyLoss())
    return {"loss": loss, "state": dict(model.state_dict()), "modes": recorder.modes}


def train_probe(mod, seed):
    """In the worker: the scenario with the learner's loop."""
    return run(mod.train_one_epoch, seed)


@pytest.fixture(scope="module", params=[0, 1])
def case(request, kata, ref):
    return kata.probe(train_probe, request.param), run(ref.train_one_epoch, request.param)


def test_returns_the_mean_batch_loss_as_a_float(case):
    got, expected = case
    check_number(got["loss"], expected["loss"], say("train_one_epoch(...) (mean of the 3 batch losses)",
                                                    "train_one_epoch(...)（3 个 batch loss 的平均值）"),
                 atol=1e-5)


def test_weights_match_the_reference_after_one_epoch(case):
    got, expected = case
    for name, tensor in expected["state"].items():
        check_tensor(got["state"].get(name), tensor, say(f"model.state_dict()[{name!r}] after one epoch",
                                                         f"训练一个 epoch 之后的 model.state_dict()[{name!r}]"),
                     atol=1e-5)


def test_trains_in_training_mode(case):
    got, _ = case
    modes = got["modes"]
    check_true(len(modes) == 3, f"forward ran {len(modes)} times; one per batch (3) expected",
               f"forward 运行了 {len(modes)} 次；应当每个 batch 一次（共 3 次）")
    check_true(all(modes), "the model was in eval mode during training: call model.train() first",
               "训练时模型处于 eval 模式：请先调用 model.train()")
