"""Hidden-reference tests for ch09 · ex08 — accuracy from `outputs.data`."""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader import probes
from grader.checks import check_number, check_true, say

# (samples, features, classes, batch size): a smaller last batch, one batch, many batches.
CASES = [(10, 4, 3, 4), (7, 5, 2, 7), (25, 3, 4, 8), (13, 6, 5, 5)]


def _model(d, c, seed):
    torch.manual_seed(seed)
    return nn.Linear(d, c).eval()


def _data(n, d, c, seed):
    x = probes.randn(n, d, seed=seed)
    return x, torch.randint(0, c, (n,), generator=torch.Generator().manual_seed(seed + 1))


def accuracy_probe(mod, state, x, y, batch_size):
    model = nn.Linear(x.shape[1], state["weight"].shape[0]).eval()
    model.load_state_dict(state)
    return mod.accuracy(model, DataLoader(TensorDataset(x, y), batch_size=batch_size))


def grad_mode_probe(mod, state, x, y, batch_size):
    """In the worker: grad mode during each forward pass of accuracy, and after it."""
    model = nn.Linear(x.shape[1], state["weight"].shape[0]).eval()
    model.load_state_dict(state)
    during = []
    model.register_forward_hook(lambda m, args, out: during.append(torch.is_grad_enabled()))
    torch.set_grad_enabled(True)
    mod.accuracy(model, DataLoader(TensorDataset(x, y), batch_size=batch_size))
    return {"during": during, "after": torch.is_grad_enabled()}


def mode_probe(mod, state, x, y, training):
    model = nn.Linear(x.shape[1], state["weight"].shape[0]).train(training)
    model.load_state_dict(state)
    mod.accuracy(model, DataLoader(TensorDataset(x, y), batch_size=4))
    return model.training


def _case(n, bs):
    return say(f"accuracy(model, loader) on {n} samples in batches of {bs}",
               f"{n} 个样本、批量大小为 {bs} 时的 accuracy(model, loader)")


@pytest.mark.parametrize("n, d, c, bs", CASES)
def test_is_the_fraction_of_samples_predicted_right(kata, ref, n, d, c, bs):
    model = _model(d, c, seed=n)
    x, y = _data(n, d, c, seed=n + bs)
    expected = ref.accuracy(model, DataLoader(TensorDataset(x, y), batch_size=bs))
    got = kata.probe(accuracy_probe, model.state_dict(), x, y, bs)
    check_number(got, expected, _case(n, bs))


def test_is_one_when_every_prediction_is_right(kata):
    model = _model(4, 3, seed=3)
    x, _ = _data(9, 4, 3, seed=3)
    with torch.no_grad():
        y = model(x).argmax(dim=1)
    got = kata.probe(accuracy_probe, model.state_dict(), x, y, 4)
    check_number(got, 1.0, say("accuracy(model, loader) when every prediction is right (9 samples, batches of 4)",
                               "每个预测都正确时的 accuracy(model, loader)（9 个样本，批量大小为 4）"))


def test_runs_the_model_without_building_a_graph(kata):
    model = _model(4, 3, seed=4)
    x, y = _data(10, 4, 3, seed=4)
    got = kata.probe(grad_mode_probe, model.state_dict(), x, y, 4)
    check_true(len(got["during"]) > 0 and not any(got["during"]),
               "accuracy(model, loader) must run the model under torch.no_grad() (grad mode was on during "
               f"{sum(got['during'])} of {len(got['during'])} forward passes): evaluation never calls backward, "
               "so the graph is wasted memory",
               "accuracy(model, loader) 必须在 torch.no_grad() 下运行模型（"
               f"{len(got['during'])} 次前向传播中有 {sum(got['during'])} 次开着梯度模式）："
               "评估时从不调用 backward，建出的计算图只是白白占用内存")


def test_leaves_grad_mode_on(kata):
    model = _model(4, 3, seed=5)
    x, y = _data(6, 4, 3, seed=5)
    got = kata.probe(grad_mode_probe, model.state_dict(), x, y, 4)
    check_true(got["after"] is True,
               "accuracy(model, loader) must leave grad mode on for the rest of the program (afterwards "
               f"torch.is_grad_enabled() is {got['after']}): use `with torch.no_grad():` instead of "
               "torch.set_grad_enabled(False)",
               "accuracy(model, loader) 必须让程序其余部分的梯度模式保持打开（调用后 torch.is_grad_enabled() 为 "
               f"{got['after']}）：请用 `with torch.no_grad():`，而不是 torch.set_grad_enabled(False)")


def test_never_puts_an_eval_model_into_training_mode(kata):
    model = _model(4, 3, seed=6)
    x, y = _data(8, 4, 3, seed=6)
    got = kata.probe(mode_probe, model.state_dict(), x, y, False)
    check_true(got is False,
               "accuracy(model, loader) must leave a model that came in eval mode in eval mode (afterwards "
               f"model.training is {got}): calling model.eval() is fine, model.train() at the end is not",
               "传入时处于评估模式的模型，accuracy(model, loader) 之后必须仍处于评估模式（调用后 model.training 为 "
               f"{got}）：调用 model.eval() 没问题，最后再调用 model.train() 就不对了")
