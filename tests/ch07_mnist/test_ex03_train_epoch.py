"""Hidden-reference tests for ch07 · ex03 — one training epoch.

The same small scenario (seeded model, 80 images shuffled into batches of 32, 32, 16, SGD
with momentum) runs the learner's loop in the worker and the reference loop here, for two
epochs, with the model put back in eval mode before each (as an evaluation between epochs
would leave it); the returned losses, the final weights and the mode seen in forward must
agree.
"""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_number, check_tensor, check_true, hint, say


class ModeRecorder(nn.Module):
    """Passes its input through and remembers whether the model was in training mode."""

    def __init__(self):
        super().__init__()
        self.modes = []

    def forward(self, x):
        self.modes.append(self.training)
        return x


def run(train_one_epoch, seed):
    """Build the scenario, run two epochs with `train_one_epoch`, report what happened."""
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    recorder = ModeRecorder()
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.ReLU(), recorder, nn.Linear(16, 10))
    images = torch.randn(80, 1, 28, 28, generator=g)
    labels = torch.randint(0, 10, (80,), generator=g)
    loader = DataLoader(TensorDataset(images, labels), batch_size=32, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    for _ in range(2):
        model.eval()  # left in eval mode on purpose: the loop must switch it back
        losses.append(train_one_epoch(model, loader, optimizer, nn.CrossEntropyLoss()))
    return {"losses": losses, "state": dict(model.state_dict()), "modes": recorder.modes}


def train_probe(mod, seed):
    """In the worker: the scenario with the learner's loop."""
    return run(mod.train_one_epoch, seed)


@pytest.fixture(scope="module", params=[0, 1])
def case(request, kata, ref):
    return kata.probe(train_probe, request.param), run(ref.train_one_epoch, request.param)


def test_weights_match_the_reference_after_two_epochs(case):
    got, expected = case
    with hint("each batch: optimizer.zero_grad(), then forward, loss, loss.backward(), optimizer.step()",
              "每个 batch：先 optimizer.zero_grad()，再前向、计算 loss、loss.backward()、optimizer.step()"):
        for name, tensor in expected["state"].items():
            check_tensor(got["state"].get(name), tensor,
                         say(f"model.state_dict()[{name!r}] after two calls of train_one_epoch",
                             f"调用两次 train_one_epoch 之后的 model.state_dict()[{name!r}]"), atol=1e-5)


def test_returns_the_mean_batch_loss_as_a_float(case):
    got, expected = case
    with hint("add up loss.item() for each batch and divide by len(loader), the number of batches",
              "把每个 batch 的 loss.item() 加起来，再除以 len(loader)，即 batch 的个数"):
        for epoch, name in enumerate((("the first call", "第一次调用"), ("the second call", "第二次调用"))):
            check_number(got["losses"][epoch], expected["losses"][epoch],
                         say(f"train_one_epoch(...) on {name[0]} (the mean of its 3 batch losses)",
                             f"{name[1]} train_one_epoch(...) 的返回值（3 个 batch loss 的平均值）"), atol=1e-5)


def test_trains_in_training_mode(case):
    got, _ = case
    modes = got["modes"]
    check_true(len(modes) == 6, f"forward ran {len(modes)} times in two calls of train_one_epoch; once per "
               "batch (2 × 3 = 6) expected",
               f"两次调用 train_one_epoch 时 forward 运行了 {len(modes)} 次；应当每个 batch 一次（2 × 3 = 6 次）")
    check_true(all(modes), "the model was in eval mode during training: call model.train() first",
               "训练时模型处于 eval 模式：请先调用 model.train()")
