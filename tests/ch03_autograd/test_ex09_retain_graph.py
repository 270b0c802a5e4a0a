"""Hidden-reference tests for ch03 · ex09 — two losses, one graph: backward twice."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import check_equal, check_tensor, check_true, hint, say


def two_layer_features(params, x):
    """Features with three parameters: sigmoid(relu(x @ w1 + b1) @ w2)."""
    w1, b1, w2 = params
    return torch.sigmoid(torch.relu(x @ w1 + b1) @ w2)


def softplus_features(params, x):
    """Features with one parameter: softplus(x @ w)."""
    (w,) = params
    return F.softplus(x @ w)


SWAPS = {"two_layer_features": two_layer_features, "softplus_features": softplus_features}


def make_inputs(shapes, n, d, seed):
    """Seeded params of the given shapes (with d filled in for None), x (n, d) and y (n,)."""
    gen = torch.Generator().manual_seed(seed)
    params = [torch.randn(*(d if s is None else s for s in shape), generator=gen) for shape in shapes]
    return params, torch.randn(n, d, generator=gen), torch.randn(n, generator=gen)


def two_grads_probe(mod, swap, params, x, y, old_grads=None):
    """Worker (and judge, with `ref`): two_grads on fresh leaves (maybe holding old gradients),
    with `features` replaced by one that counts its calls (and is SWAPS[swap] when swap is given)."""
    original = mod.features
    inner = SWAPS[swap] if swap else original
    calls = []

    def counted(*args, **kwargs):
        calls.append(1)
        return inner(*args, **kwargs)

    params = [p.clone().requires_grad_(True) for p in params]
    for p, old in zip(params, old_grads or [], strict=False):
        p.grad = old.clone()
    mod.features = counted
    try:
        result = mod.two_grads(params, x, y)
    finally:
        mod.features = original
    if isinstance(result, (list, tuple)):
        result = [list(r) if isinstance(r, (list, tuple)) else r for r in result]
    return {"result": result, "calls": len(calls)}


def check_grads(got, expected, n_params, what):
    """got: the learner's (fit, size) as sent back; expected: the reference's."""
    check_true(isinstance(got, list) and len(got) == 2,
               f"{what} must return two things, the gradients of fit_loss and of size_loss (got {got!r:.80})",
               f"{what} 必须返回两项：fit_loss 的梯度和 size_loss 的梯度（实际得到 {got!r:.80}）")
    for k, loss in enumerate(["fit_loss", "size_loss"]):
        check_true(isinstance(got[k], list),
                   f"{what}[{k}] must be a list or tuple of gradients, one per parameter (got {type(got[k]).__name__})",
                   f"{what}[{k}] 必须是由梯度组成的 list 或 tuple，每个参数一个（实际得到 {type(got[k]).__name__}）")
        check_equal(len(got[k]), n_params, say(f"the number of gradients of {loss}", f"{loss} 的梯度个数"))
        for i, (g, e) in enumerate(zip(got[k], expected[k], strict=True)):
            check_tensor(g, e, say(f"{what}[{k}][{i}], the gradient of {loss} for params[{i}]",
                                   f"{what}[{k}][{i}]，即 {loss} 对 params[{i}] 的梯度"))


def is_pair_of_grad_lists(got, like):
    """Whether got is [list, list] of tensors shaped as `like`, so that finer checks can look at it."""
    return (isinstance(got, list) and len(got) == 2
            and all(isinstance(r, list) and len(r) == len(like)
                    and all(isinstance(g, torch.Tensor) and g.shape == e.shape for g, e in zip(r, like, strict=True))
                    for r in got))


# (params' shapes, N, D): None stands for D
SIZES = [([(None, 3), (3,)], 6, 4), ([(None, 1), (1,)], 5, 7), ([(None, 5), (5,)], 2, 2)]


def test_size_gradients_are_not_added_onto_fit_gradients(kata, ref):
    params, x, y = make_inputs(SIZES[0][0], 6, 4, seed=3)
    got = kata.probe(two_grads_probe, None, params, x, y)["result"]
    fit, size = two_grads_probe(ref, None, params, x, y)["result"]
    added = [f + s for f, s in zip(fit, size, strict=True)]
    if is_pair_of_grad_lists(got, added):
        check_true(not all(torch.allclose(g, a) for g, a in zip(got[1], added, strict=True)),
                   "the gradients of size_loss that two_grads returns are those of fit_loss + size_loss: backward() "
                   "adds into .grad, so clear it between the two losses, or use torch.autograd.grad",
                   "two_grads 返回的 size_loss 梯度其实是 fit_loss + size_loss 的梯度：backward() 会累加到 .grad 上，"
                   "两个损失之间要清空 .grad，或者改用 torch.autograd.grad")


def test_fit_gradients_are_not_overwritten_by_size_gradients(kata, ref):
    params, x, y = make_inputs(SIZES[0][0], 6, 4, seed=2)
    got = kata.probe(two_grads_probe, None, params, x, y)["result"]
    fit, size = two_grads_probe(ref, None, params, x, y)["result"]
    if is_pair_of_grad_lists(got, size):
        check_true(not all(torch.allclose(g, s) for g, s in zip(got[0], size, strict=True)),
                   "the gradients of fit_loss that two_grads returns equal those of size_loss: they are the .grad "
                   "tensors themselves, which zero_() and the next backward() change in place; keep p.grad.clone()",
                   "two_grads 返回的 fit_loss 梯度和 size_loss 的梯度一样：它们就是 .grad 张量本身，"
                   "zero_() 和下一次 backward() 会原地修改它们；请保存 p.grad.clone()")


@pytest.mark.parametrize("shapes, n, d", SIZES)
def test_two_grads_match_reference(kata, ref, shapes, n, d):
    params, x, y = make_inputs(shapes, n, d, seed=n + d)
    got = kata.probe(two_grads_probe, None, params, x, y)
    expected = two_grads_probe(ref, None, params, x, y)
    check_grads(got["result"], expected["result"], len(params),
                say(f"two_grads(params, x of shape {(n, d)}, y)", f"two_grads(params, 形状为 {(n, d)} 的 x, y)"))


@pytest.mark.parametrize("swap, shapes", [("two_layer_features", [(None, 4), (4,), (4, 3)]),
                                          ("softplus_features", [(None, 2)])])
def test_two_grads_follow_the_features_function(kata, ref, swap, shapes):
    params, x, y = make_inputs(shapes, 5, 3, seed=7)
    got = kata.probe(two_grads_probe, swap, params, x, y)
    expected = two_grads_probe(ref, swap, params, x, y)
    check_grads(got["result"], expected["result"], len(params),
                say(f"two_grads(params, x, y) with features replaced by {swap}",
                    f"two_grads(params, x, y)（features 换成 {swap}）"))


def test_features_are_computed_once(kata):
    params, x, y = make_inputs(SIZES[0][0], 6, 4, seed=4)
    calls = kata.probe(two_grads_probe, None, params, x, y)["calls"]
    check_true(calls == 1,
               f"two_grads(params, x, y) must call features once and share h between both losses (got {calls} calls): "
               "keep the graph for the second pass with retain_graph=True",
               f"two_grads(params, x, y) 只能调用一次 features，两个损失共用 h（实际调用了 {calls} 次）："
               "用 retain_graph=True 为第二次反向传播保留计算图")


def test_old_gradients_do_not_leak_into_the_answers(kata, ref):
    params, x, y = make_inputs(SIZES[1][0], 5, 7, seed=5)
    old = [torch.full_like(p, 100.0) for p in params]
    got = kata.probe(two_grads_probe, None, params, x, y, old)
    expected = two_grads_probe(ref, None, params, x, y)
    with hint("params arrive with old gradients in .grad: clear them before the first backward(), "
              "or use torch.autograd.grad, which never reads .grad",
              "传入的 params 的 .grad 里已有旧梯度：第一次 backward() 之前要先清空，"
              "或者改用 torch.autograd.grad，它根本不读 .grad"):
        check_grads(got["result"], expected["result"], len(params),
                    "two_grads(params, x, y)")
