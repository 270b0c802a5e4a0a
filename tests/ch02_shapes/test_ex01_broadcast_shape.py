"""Hidden-reference tests for ch02 · ex01 — broadcasting rules."""

import random

import pytest
import torch

from grader.checks import check_true, say


def torch_says(a, b):
    """The truth, from torch itself (in the judge only)."""
    try:
        return tuple(torch.broadcast_shapes(a, b))
    except RuntimeError:
        return None


def random_pairs(seed, count):
    """Shape pairs, about a third of them incompatible, with sizes 0, 1 and a few others."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        common = [rng.choice([0, 1, 2, 3, 4, 5, 7]) for _ in range(rng.randint(1, 4))]
        a, b = list(common), list(common)
        for shape in (a, b):
            for i in range(len(shape)):
                if rng.random() < 0.3:
                    shape[i] = 1  # a size 1 broadcasts with anything
            del shape[: rng.randint(0, len(shape) - 1)]
        if rng.random() < 0.35:  # spoil one right-aligned dim: sizes that differ, neither 1
            i = -rng.randint(1, min(len(a), len(b)))
            a[i], b[i] = rng.sample([0, 2, 3, 4, 6], 2)
        if rng.random() < 0.3:
            a = [rng.choice([1, 2, 3]) for _ in range(rng.randint(1, 2))] + a
        if rng.random() < 0.1:  # now and then a scalar shape ()
            a, b = rng.choice([([], b), (a, [])])
        pairs.append((tuple(a), tuple(b)))
    return pairs


def broadcast_shape_for_each_pair(mod, pairs):
    """In the worker: the learner's answers for a list of shape pairs."""
    return [mod.broadcast_shape(a, b) for a, b in pairs]


REFUSAL = {"en": "this kata asks you to apply the rules yourself",
           "zh": "本题要求你自己运用广播规则，不要调用 torch 的广播函数"}


def broadcast_shape_without_torch_helpers(mod, pairs, lang="en"):
    """In the worker: answers while torch's own broadcasting helpers (and NumPy's) are switched off.

    `lang` is the learner's language, for the helpers' error (the worker cannot tell it)."""
    import numpy

    def refuse(*args, **kwargs):
        raise RuntimeError(REFUSAL[lang])

    owners = {torch: ("broadcast_shapes", "broadcast_tensors", "broadcast_to"),
              numpy: ("broadcast_shapes", "broadcast_arrays", "broadcast_to", "broadcast")}
    saved = [(owner, name, getattr(owner, name)) for owner, names in owners.items() for name in names]
    saved += [(mod, k, v) for k, v in vars(mod).items()  # helpers imported by name: from torch import ...
              if any(v is fn for _, _, fn in saved)]
    for owner, name, _ in saved:
        setattr(owner, name, refuse)
    try:
        return [mod.broadcast_shape(a, b) for a, b in pairs]
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)


def broadcast_shape_without_tensor_operations(mod, pairs, lang="en"):
    """In the worker: answers while every torch operation (making a tensor, adding two) is refused.

    `lang` is the learner's language, for the refusal's error (the worker cannot tell it)."""
    from torch.overrides import TorchFunctionMode

    class Refusing(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            raise RuntimeError(REFUSAL[lang])

    with Refusing():
        return [mod.broadcast_shape(a, b) for a, b in pairs]


def as_tuple(value):
    """A torch.Size is a tuple too; accept it as one."""
    return tuple(value) if isinstance(value, torch.Size) else value


def check_answer(got, a, b):
    what = f"broadcast_shape({a}, {b})"
    expected, got = torch_says(a, b), as_tuple(got)
    if expected is None:
        check_true(got is None, f"{what} must be None: these shapes do not broadcast (got {got!r})",
                   f"{what} 应为 None：这两个形状无法广播（实际得到 {got!r}）")
    else:
        check_true(got is not None, f"{what} must be {expected}: these shapes do broadcast (got None)",
                   f"{what} 应为 {expected}：这两个形状可以广播（实际得到 None）")
        check_true(isinstance(got, tuple) and all(type(d) is int for d in got),
                   f"{what} must return a tuple of ints (got {got!r})",
                   f"{what} 必须返回由 int 组成的元组（实际得到 {got!r}）")
        check_true(got == expected, f"{what} must be {expected} (got {got})",
                   f"{what} 应为 {expected}（实际为 {got}）")


@pytest.mark.parametrize("a, b", [((3, 4), (3, 4)), ((), ()), ((5,), (5,))])
def test_equal_shapes_broadcast_to_themselves(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


@pytest.mark.parametrize("a, b", [((3, 1), (1, 4)), ((1, 6, 1), (2, 1, 5)), ((1,), (7,))])
def test_size_one_stretches_to_the_other_size(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


@pytest.mark.parametrize("a, b", [((5, 3, 4), (4,)), ((4,), (2, 3, 1)), ((8, 1, 3), (5, 1)), ((2, 3), (3,))])
def test_shorter_shape_is_aligned_on_the_right(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


@pytest.mark.parametrize("a, b", [((2, 3), (3, 2)), ((3,), (3, 4)), ((4, 3), (2, 1, 4)), ((2,), (3,))])
def test_incompatible_shapes_give_none(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


@pytest.mark.parametrize("a, b", [((0,), (1,)), ((2, 0), (2, 1)), ((0,), (3,)), ((1, 0), (4, 1))])
def test_size_zero_only_matches_zero_or_one(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


@pytest.mark.parametrize("a, b", [((), (2, 3)), ((4, 1, 2), ())])
def test_scalar_shape_broadcasts_with_anything(kata, a, b):
    check_answer(kata.broadcast_shape(a, b), a, b)


def test_matches_torch_on_random_shape_pairs(kata):
    pairs = random_pairs(seed=0, count=400)
    answers = kata.probe(broadcast_shape_for_each_pair, pairs)
    for (a, b), got in zip(pairs, answers, strict=True):
        check_answer(got, a, b)


def test_works_out_shapes_by_the_rules_not_by_asking_torch(kata):
    pairs = random_pairs(seed=1, count=50)
    answers = kata.probe(broadcast_shape_without_torch_helpers, pairs, lang=say("en", "zh"))
    check_true(
        [as_tuple(g) for g in answers] == [torch_says(a, b) for a, b in pairs],
        "with torch.broadcast_shapes / broadcast_tensors / broadcast_to switched off, broadcast_shape "
        "gave wrong answers: the kata asks you to apply the broadcasting rules yourself",
        "禁用 torch.broadcast_shapes / broadcast_tensors / broadcast_to 之后，broadcast_shape "
        "给出了错误答案：本题要求你自己运用广播规则来计算",
    )


def test_works_out_shapes_without_broadcasting_tensors(kata):
    pairs = random_pairs(seed=2, count=50)
    answers = kata.probe(broadcast_shape_without_tensor_operations, pairs, lang=say("en", "zh"))
    check_true(
        [as_tuple(g) for g in answers] == [torch_says(a, b) for a, b in pairs],
        "with tensor operations switched off, broadcast_shape gave wrong answers: making tensors and "
        "reading the shape torch broadcasts them to is asking torch; apply the broadcasting rules yourself",
        "禁用张量运算之后，broadcast_shape 给出了错误答案：先创建张量、再读取 torch 广播后的形状，"
        "等于让 torch 替你算；请自己运用广播规则",
    )
