"""Hidden-reference tests for ch05 · ex07 — fix: a running loss holding graphs."""

import gc
import weakref

import torch
from torch import nn

from grader.checks import check_number, check_tensor, check_true, say


class _Tagged(torch.autograd.Function):
    """The identity, as its own graph node, so the test can watch when a loss's graph dies."""

    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return grad


def _setup(seed):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    batches = [(torch.randn(6, 5, generator=g), torch.randn(6, 2, generator=g)) for _ in range(5)]
    return model, optimizer, batches


class _WatchedMSELoss(nn.MSELoss):
    """nn.MSELoss (and shown as such) that keeps a weak reference to each loss's graph."""

    def __init__(self, graphs):
        super().__init__()
        self.graphs = graphs

    def _get_name(self):
        return "MSELoss"

    def forward(self, pred, target):
        loss = _Tagged.apply(super().forward(pred, target))
        self.graphs.append(weakref.ref(loss.grad_fn))
        return loss


def epoch_probe(mod, seed):
    """In the worker: run one epoch; at each optimizer.step(), count the losses whose graph is alive."""
    model, optimizer, batches = _setup(seed)
    graphs = []
    criterion = _WatchedMSELoss(graphs)
    alive = []

    def count_alive(opt, args, kwargs):
        if len(graphs) == len(batches):  # the last step: collect cycles once, then count
            gc.collect()
        alive.append(sum(ref() is not None for ref in graphs))

    optimizer.register_step_pre_hook(count_alive)
    mean = mod.train_epoch(model, optimizer, criterion, batches)
    return {"mean": mean, "alive": alive, "state": model.state_dict()}


def test_returns_the_mean_loss_as_a_python_float(kata, ref):
    got = kata.probe(epoch_probe, 0)["mean"]
    check_number(got, epoch_probe(ref, 0)["mean"], "train_epoch(model, optimizer, criterion, batches)",
                 atol=1e-6, rtol=1e-5)


def test_keeps_no_old_batch_graph_alive(kata):
    alive = kata.probe(epoch_probe, 1)["alive"]
    check_true(len(alive) == 5, f"train_epoch must call optimizer.step() once per batch (5 batches, "
               f"got {len(alive)} steps)",
               f"train_epoch 必须对每个 batch 调用一次 optimizer.step()（5 个 batch，实际执行了 {len(alive)} 步）")
    worst = max(alive)
    check_true(worst <= 1, f"at optimizer.step() on batch {alive.index(worst)}, the loss graphs of {worst} "
               "batches were still alive: the running total holds on to every loss tensor. Add loss.item(), "
               "a plain float, "
               "instead (calling .item() only at the end is too late)",
               f"在 batch {alive.index(worst)} 的 optimizer.step() 时，仍有 {worst} 个 batch 的 loss 计算图没有释放："
               "累加的总和引用着每一个 loss 张量。请改为累加 loss.item() 这个普通 float"
               "（等到最后才调用 .item() 就太晚了）")


def test_parameters_match_a_correct_epoch(kata, ref):
    got = kata.probe(epoch_probe, 2)["state"]
    for name, value in epoch_probe(ref, 2)["state"].items():
        check_tensor(got[name], value, say(f"model.state_dict()[{name!r}] after train_epoch(...)",
                                           f"train_epoch(...) 之后的 model.state_dict()[{name!r}]"))
