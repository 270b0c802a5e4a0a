"""Hidden-reference tests for ch05 · ex04 — fix: gradients that pile up."""

import torch
from torch import nn

from grader.checks import check_number, check_tensor, check_true, hint, say


def _setup(seed):
    """A small seeded model, optimizer and batches, the same in judge and worker."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    batches = [(torch.randn(8, 4, generator=g), torch.randn(8, 2, generator=g)) for _ in range(4)]
    return model, optimizer, nn.MSELoss(), batches


def _grads(model):
    """The current .grad of every parameter by name (zeros where there is none)."""
    return {n: torch.zeros_like(p) if p.grad is None else p.grad.clone() for n, p in model.named_parameters()}


def train_probe(mod, seed, stale=False):
    """In the worker: run the learner's loop; record the gradients each optimizer.step() used. With
    `stale`, the model arrives holding the gradient of another batch, as after an earlier backward()."""
    model, optimizer, criterion, batches = _setup(seed)
    if stale:
        x, y = batches[-1]
        criterion(model(-x), y).backward()
    used = []
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: used.append(_grads(model)))
    losses = mod.train(model, optimizer, criterion, batches)
    return {"losses": losses, "used_grads": used, "state": model.state_dict()}


def fresh_step_probe(mod, seed, step):
    """The gradient a fresh backward gives for batch `step`, at the parameters the loop had then."""
    model, optimizer, criterion, batches = _setup(seed)
    mod.train(model, optimizer, criterion, batches[:step])  # the (reference) loop up to that batch
    model.zero_grad()
    x, y = batches[step]
    criterion(model(x), y).backward()
    return {n: p.grad for n, p in model.named_parameters()}


def test_second_step_uses_only_the_second_batch_gradient(kata, ref):
    used = kata.probe(train_probe, 0)["used_grads"]
    check_true(len(used) == 4, f"train(...) on 4 batches must call optimizer.step() 4 times "
               f"(got {len(used)})",
               f"在 4 个 batch 上运行 train(...) 必须调用 4 次 optimizer.step()（实际 {len(used)} 次）")
    for name, expected in fresh_step_probe(ref, 0, 1).items():
        with hint("it must be the second batch's gradient alone: backward() adds to what .grad holds, so "
                  "clear it with optimizer.zero_grad() before backward() (not between backward and step)",
                  "这里应当只有第二个 batch 的梯度：backward() 会累加到 .grad 已有的值上，所以要在 "
                  "backward() 之前用 optimizer.zero_grad() 清零（而不是在 backward 和 step 之间）"):
            check_tensor(used[1][name], expected,
                         say(f"the gradient of {name} used by the second optimizer.step()",
                             f"第二次 optimizer.step() 用到的 {name} 的梯度"))


def test_every_step_uses_a_fresh_gradient(kata, ref):
    used = kata.probe(train_probe, 1)["used_grads"]
    expected = train_probe(ref, 1)["used_grads"]
    check_true(len(used) == len(expected), f"train(...) must call optimizer.step() once per batch "
               f"({len(expected)} batches, got {len(used)} steps)",
               f"train(...) 必须对每个 batch 调用一次 optimizer.step()（{len(expected)} 个 batch，"
               f"实际执行了 {len(used)} 步）")
    for step, grads in enumerate(expected):
        for name, value in grads.items():
            check_tensor(used[step][name], value, say(f"the gradient of {name} used by optimizer.step() "
                                                      f"on batch {step}",
                                                      f"batch {step} 上 optimizer.step() 用到的 {name} 的梯度"))


def test_first_step_ignores_gradients_left_from_before(kata, ref):
    used = kata.probe(train_probe, 4, stale=True)["used_grads"]
    check_true(len(used) == 4, f"train(...) on 4 batches must call optimizer.step() 4 times "
               f"(got {len(used)})",
               f"在 4 个 batch 上运行 train(...) 必须调用 4 次 optimizer.step()（实际 {len(used)} 次）")
    for name, expected in fresh_step_probe(ref, 4, 0).items():
        with hint("the model may come in holding gradients from an earlier backward(): clear them at the start "
                  "of each iteration, before backward(), not only after optimizer.step()",
                  "模型传进来时可能还带着之前某次 backward() 留下的梯度：请在每次迭代开始、backward() 之前清零，"
                  "而不是只在 optimizer.step() 之后清零"):
            check_tensor(used[0][name], expected,
                         say(f"the gradient of {name} used by the first optimizer.step(), on a model that came in "
                             "holding old gradients,",
                             f"模型传进来时带着旧梯度，第一次 optimizer.step() 用到的 {name} 的梯度"))


def test_losses_match_a_correct_loop(kata, ref):
    got = kata.probe(train_probe, 2)["losses"]
    expected = train_probe(ref, 2)["losses"]
    check_true(isinstance(got, list) and len(got) == len(expected),
               f"train(...) must return a list with one loss per batch (got {got!r})",
               f"train(...) 必须返回一个列表，每个 batch 一个 loss（实际得到 {got!r}）")
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        check_number(g, e, say(f"train(...)[{i}], the loss of batch {i}", f"train(...)[{i}]（batch {i} 的 loss）"),
                     atol=1e-5, rtol=1e-4)


def test_parameters_match_a_correct_loop(kata, ref):
    got = kata.probe(train_probe, 3)["state"]
    for name, value in train_probe(ref, 3)["state"].items():
        check_tensor(got[name], value, say(f"model.state_dict()[{name!r}] after train(...) on 4 batches",
                                           f"在 4 个 batch 上运行 train(...) 之后的 model.state_dict()[{name!r}]"))
