"""Hidden-reference tests for ch03 · ex08 — gradients through if and while."""

import pytest
import torch

from grader.checks import check_tensor, check_true, hint, say


def log_or_square(x):
    """A branch: log where every entry is positive, x² otherwise (log of a negative never runs)."""
    if x.min() > 0:
        return x.log().sum()
    return (x**2).sum()


def repeat_until_large(x):
    """A loop whose count depends on x, and a gradient that depends on x too."""
    y = x
    n = 0
    while y.abs().sum() < 10 and n < 30:
        y = y * 1.5 + x.sin()
        n += 1
    return (y * x).sum()


def root_of_cubes(x):
    """A branch with √ on one side: the other side is taken where the sum of cubes is negative."""
    s = (x**3).sum()
    if s > 0:
        return s.sqrt()
    return -s


FNS = {"log_or_square": log_or_square, "repeat_until_large": repeat_until_large, "root_of_cubes": root_of_cubes}


def make_x(shape, scale, positive_sum, seed, dtype=torch.float32):
    """A seeded input of `shape` and size `scale`, flipped so that its sum has the sign asked for."""
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64) * scale
    if bool(x.sum() > 0) != positive_sum:
        x = -x
    return x.to(dtype)


# (shape, scale, positive sum, seed, dtype): tiny inputs loop many times, large ones not at all
CASES = {
    "many doublings": ((5,), 1e-3, True, 0, torch.float32),
    "a few doublings": ((3, 4), 20.0, True, 1, torch.float64),
    "no doubling": ((2, 3), 400.0, True, 2, torch.float32),
    "many doublings, negative sum": ((4,), 1e-3, False, 3, torch.float64),
    "a few doublings, negative sum": ((2, 5), 7.0, False, 4, torch.float32),
    "no doubling, negative sum": ((3, 2), 500.0, False, 5, torch.float64),
}
POSITIVE = [name for name, case in CASES.items() if case[2]]
NEGATIVE = [name for name, case in CASES.items() if not case[2]]

# (shape, scale, positive sum, seed, dtype) for grad_at: both sides of each function's branch
GRAD_CASES = {
    "positive entries": ((5,), 1.0, True, 10, torch.float32),
    "mixed signs": ((3, 4), 1.0, True, 11, torch.float64),
    "small entries": ((2, 3), 0.05, False, 12, torch.float32),
    "negative sum": ((4, 3), 2.0, False, 13, torch.float64),
}


def grad_case(name):
    x = make_x(*GRAD_CASES[name])
    return x.abs() + 0.1 if name == "positive entries" else x


def describe(x):
    shape = tuple(x.shape)
    return say(f" (x of shape {shape}, dtype {x.dtype})", f"（x 的形状为 {shape}，dtype 为 {x.dtype}）")


def grow_grad(mod, x):
    """Worker (and judge, with `ref`): grow(x) and its gradient, on a copy of x that requires grad."""
    t = x.clone().requires_grad_(True)
    out = mod.grow(t)
    out.backward()
    return {"out": out.detach(), "grad": t.grad}


def grad_at_probe(mod, name, x):
    """In the worker: the learner's grad_at on one of the test's own functions."""
    return mod.grad_at(FNS[name], x)


def grad_at_twice_probe(mod, name, x):
    """In the worker: grad_at twice on the same x; both answers as they stand after the second call."""
    first = mod.grad_at(FNS[name], x)
    second = mod.grad_at(FNS[name], x)
    return [first, second]


def callers_x_probe(mod, name, x):
    """In the worker: what grad_at leaves behind in the caller's x."""
    x = x.clone()
    mod.grad_at(FNS[name], x)
    return {"requires_grad": x.requires_grad, "grad": x.grad, "x": x.detach().clone()}


@pytest.mark.parametrize("case", list(CASES))
def test_grow_matches_reference(kata, ref, case):
    x = make_x(*CASES[case])
    check_tensor(kata.grow(x), ref.grow(x), f"grow(x){describe(x)}")


@pytest.mark.parametrize("case", POSITIVE)
def test_grow_gradient_matches_autograd_when_the_sum_is_positive(kata, ref, case):
    x = make_x(*CASES[case])
    got = kata.probe(grow_grad, x)
    check_tensor(got["grad"], grow_grad(ref, x)["grad"],
                 say(f"the gradient of grow(x){describe(x)}", f"grow(x) 的梯度{describe(x)}"))


@pytest.mark.parametrize("case", NEGATIVE)
def test_grow_gradient_is_finite_and_right_when_the_sum_is_negative(kata, ref, case):
    x = make_x(*CASES[case])
    with hint("where y.sum() < 0, only 100·s may be computed: a torch.where also takes √ of the negative sum, "
              "and its NaN gradient leaks through; use a Python if",
              "y.sum() < 0 时只能计算 100·s：torch.where 也会对负数求 √，它的 NaN 梯度会漏进结果；"
              "请用 Python 的 if"):
        got = kata.probe(grow_grad, x)
        check_tensor(got["grad"], grow_grad(ref, x)["grad"],
                     say(f"the gradient of grow(x){describe(x)}", f"grow(x) 的梯度{describe(x)}"))


@pytest.mark.parametrize("name", list(FNS))
@pytest.mark.parametrize("case", list(GRAD_CASES))
def test_grad_at_follows_the_function_passed_in(kata, ref, name, case):
    x = grad_case(case)
    check_tensor(kata.probe(grad_at_probe, name, x), ref.grad_at(FNS[name], x),
                 f"grad_at({name}, x){describe(x)}")


@pytest.mark.parametrize("name", ["log_or_square", "repeat_until_large"])
def test_grad_at_gives_the_same_answer_when_called_twice(kata, ref, name):
    x = grad_case("positive entries")
    got = kata.probe(grad_at_twice_probe, name, x)
    expected = ref.grad_at(FNS[name], x)
    check_true(isinstance(got, list) and len(got) == 2, "grad_at could not be called twice",
               "grad_at 无法调用两次")
    with hint("each call must start from a fresh leaf: backward() adds into .grad, so reusing the caller's x "
              "adds the second gradient onto the first",
              "每次调用都要从一个新的叶子张量开始：backward() 会累加到 .grad 上，重复使用调用者的 x，"
              "第二次的梯度就会加到第一次的上面"):
        check_tensor(got[1], expected, say(f"the second grad_at({name}, x) with the same x",
                                           f"用同一个 x 第二次调用 grad_at({name}, x)"))
        check_tensor(got[0], expected, say(f"the first grad_at({name}, x), after a second call with the same x",
                                           f"用同一个 x 再调用一次之后，第一次 grad_at({name}, x) 的结果"))


def test_grad_at_leaves_the_callers_x_unchanged(kata):
    x = grad_case("mixed signs")
    seen = kata.probe(callers_x_probe, "root_of_cubes", x)
    check_true(not seen["requires_grad"],
               "after grad_at(fn, x), the caller's x must still not require grad (got requires_grad=True): "
               "differentiate a copy, x.detach().requires_grad_()",
               "调用 grad_at(fn, x) 之后，调用者的 x 必须仍然不需要梯度（实际 requires_grad=True）："
               "请对副本求导：x.detach().requires_grad_()")
    check_true(seen["grad"] is None,
               "after grad_at(fn, x), the caller's x.grad must be None (got a tensor): differentiate a copy",
               "调用 grad_at(fn, x) 之后，调用者的 x.grad 必须是 None（实际是一个张量）：请对副本求导")
    check_tensor(seen["x"], x, say("the caller's x after grad_at(fn, x)", "调用 grad_at(fn, x) 之后调用者的 x"))
