"""Hidden-reference tests for ch03 · ex06 — gradients accumulate: grad.zero_()."""

import pytest
import torch

from grader import probes
from grader.checks import check_equal, check_tensor, check_true, say

D = 5
SIZES = [3, 7, 4]  # rows per batch


def make_batches(sizes, seed):
    gen = torch.Generator().manual_seed(seed)
    w = torch.randn(D, generator=gen)
    batches = [(torch.randn(n, D, generator=gen), torch.randn(n, generator=gen)) for n in sizes]
    return w, batches


def call_probe(mod, fn, w, batches, old_grad=None):
    """Worker (and judge, with `ref`): run `fn` on a fresh leaf w, maybe holding an old grad."""
    w = w.clone().requires_grad_(True)
    if old_grad is not None:
        w.grad = old_grad.clone()
    return getattr(mod, fn)(w, batches)


def check_grad_list(got, expected, what, note=""):
    check_true(isinstance(got, list), f"{what} must return a list of tensors (got {type(got).__name__})",
               f"{what} 必须返回由张量组成的 list（实际得到 {type(got).__name__}）")
    check_equal(len(got), len(expected), f"len({what})")
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        check_tensor(g, e, f"{what}[{i}]{note}")


def is_list_of_tensors(got, n):
    return isinstance(got, list) and len(got) == n and all(isinstance(g, torch.Tensor) for g in got)


def test_per_batch_grads_are_not_running_totals(kata, ref):
    w, batches = make_batches(SIZES, 2)
    got = kata.probe(call_probe, "per_batch_grads", w, batches)
    running = torch.stack(call_probe(ref, "per_batch_grads", w, batches)).cumsum(0)
    if is_list_of_tensors(got, len(batches)) and got[1].shape == running[1].shape:
        check_true(not torch.allclose(got[1], running[1]),
                   "per_batch_grads(w, batches)[1] is batch 0's gradient plus batch 1's: backward() "
                   "adds into w.grad, so clear it (w.grad.zero_()) before each batch",
                   "per_batch_grads(w, batches)[1] 等于 batch 0 与 batch 1 的梯度之和：backward() "
                   "会把梯度累加到 w.grad 上，所以每个 batch 之前都要先清零（w.grad.zero_()）")


def test_per_batch_grads_are_copies_not_the_same_tensor(kata):
    w, batches = make_batches(SIZES, 3)
    got = kata.probe(call_probe, "per_batch_grads", w, batches)
    if is_list_of_tensors(got, len(batches)):
        check_true(not all(torch.equal(g, got[-1]) for g in got),
                   "every item of per_batch_grads(w, batches) equals the last one: they are all "
                   "w.grad, which zero_() and backward() change in place; append w.grad.clone()",
                   "per_batch_grads(w, batches) 的每一项都和最后一项相同：它们都是同一个 w.grad，"
                   "而 zero_() 和 backward() 会原地修改它；请 append w.grad.clone()")


@pytest.mark.parametrize("seed", [0, 1])
def test_per_batch_grads_match_reference(kata, ref, seed):
    w, batches = make_batches(SIZES, seed)
    got = kata.probe(call_probe, "per_batch_grads", w, batches)
    check_grad_list(got, call_probe(ref, "per_batch_grads", w, batches), "per_batch_grads(w, batches)")


def test_per_batch_grads_ignore_an_old_gradient(kata, ref):
    w, batches = make_batches(SIZES, 4)
    old = torch.full((D,), 100.0)
    got = kata.probe(call_probe, "per_batch_grads", w, batches, old)
    check_grad_list(got, call_probe(ref, "per_batch_grads", w, batches), "per_batch_grads(w, batches)",
                    say(", with an old gradient already in w.grad (clear it before each batch),",
                        "（w.grad 里已经有旧梯度：每个 batch 之前都要先清零）"))


def test_per_batch_grads_of_one_batch(kata, ref):
    w, batches = make_batches([6], 5)
    got = kata.probe(call_probe, "per_batch_grads", w, batches)
    check_grad_list(got, call_probe(ref, "per_batch_grads", w, batches), "per_batch_grads(w, [batch])")


@pytest.mark.parametrize("seed", [0, 1])
def test_accumulated_grad_is_the_sum_over_batches(kata, ref, seed):
    w, batches = make_batches(SIZES, seed)
    got = kata.probe(call_probe, "accumulated_grad", w, batches)
    check_tensor(got, call_probe(ref, "accumulated_grad", w, batches), "accumulated_grad(w, batches)")


def test_accumulated_grad_ignores_an_old_gradient(kata, ref):
    w, batches = make_batches(SIZES, 6)
    old = torch.full((D,), 100.0)
    got = kata.probe(call_probe, "accumulated_grad", w, batches, old)
    check_tensor(got, call_probe(ref, "accumulated_grad", w, batches),
                 say("accumulated_grad(w, batches), with an old gradient already in w.grad "
                     "(clear it once, first),",
                     "accumulated_grad(w, batches)（w.grad 里已经有旧梯度：要先清零一次）"))


def test_accumulated_grad_calls_backward_once_per_batch(kata):
    w, batches = make_batches(SIZES, 7)
    calls = kata.probe(probes.autograd_calls, "accumulated_grad", w.clone().requires_grad_(True), batches)
    check_true(calls == len(batches),
               f"accumulated_grad(w, batches) with {len(batches)} batches called backward {calls} "
               "times: call it once per batch and let the gradients add up in w.grad",
               f"accumulated_grad(w, batches) 在 {len(batches)} 个 batch 上调用了 {calls} 次 backward："
               "应当每个 batch 调用一次，让梯度在 w.grad 中累加")
