"""Hidden-reference tests for ch01 · ex02 — tensor attributes."""

import torch

from grader.checks import check_equal, check_true, say
from grader.sandbox.codec import Unsupported

KEYS = ["device", "dtype", "ndim", "numel", "shape"]


def _check_description(got, expected, t_is, t_is_zh):
    what = f"describe(t), for t {t_is},"
    what_zh = f"describe(t)（其中 t {t_is_zh}）"
    kind = got.type_name if isinstance(got, Unsupported) else type(got).__name__
    check_true(isinstance(got, dict), f"{what} must return a dict (got {kind})",
               f"{what_zh} 必须返回 dict（实际得到 {kind}）")
    check_true(sorted(got) == KEYS, f"{what} must have the keys {KEYS} (got {sorted(got)})",
               f"{what_zh} 的键必须是 {KEYS}（实际为 {sorted(got)}）")
    shape = got["shape"]
    check_true(isinstance(shape, tuple),
               f"describe(t)['shape'], for t {t_is}, must be a tuple of ints such as {expected['shape']} "
               f"(got {type(shape).__name__} {shape!r}); tuple(t.shape) makes one",
               f"describe(t)['shape']（其中 t {t_is_zh}）必须是由 int 组成的元组，例如 {expected['shape']}"
               f"（实际得到 {type(shape).__name__} {shape!r}）；可以用 tuple(t.shape) 得到")
    check_equal(tuple(shape), expected["shape"],
                say(f"describe(t)['shape'], for t {t_is},", f"describe(t)['shape']（其中 t {t_is_zh}）"))
    for key in ["dtype", "device"]:
        check_true(isinstance(got[key], str),
                   f"describe(t)[{key!r}], for t {t_is}, must be a string such as {expected[key]!r} "
                   f"(got {type(got[key]).__name__} {got[key]!r}); str(t.{key}) makes one",
                   f"describe(t)[{key!r}]（其中 t {t_is_zh}）必须是字符串，例如 {expected[key]!r}"
                   f"（实际得到 {type(got[key]).__name__} {got[key]!r}）；可以用 str(t.{key}) 得到")
    for key in ["ndim", "numel", "dtype", "device"]:
        check_equal(got[key], expected[key],
                    say(f"describe(t)[{key!r}], for t {t_is},", f"describe(t)[{key!r}]（其中 t {t_is_zh}）"))


def test_describes_a_2d_float_tensor(kata, ref):
    t = torch.rand(3, 5, generator=torch.Generator().manual_seed(0))
    _check_description(kata.describe(t), ref.describe(t), "of shape (3, 5)", "的形状为 (3, 5)")


def test_describes_a_0d_scalar(kata, ref):
    t = torch.tensor(2.5, dtype=torch.float64)
    _check_description(kata.describe(t), ref.describe(t), "= torch.tensor(2.5, dtype=torch.float64)",
                       "= torch.tensor(2.5, dtype=torch.float64)")


def test_describes_a_5d_int16_tensor(kata, ref):
    t = torch.randint(0, 9, (2, 1, 3, 1, 4), dtype=torch.int16, generator=torch.Generator().manual_seed(1))
    _check_description(kata.describe(t), ref.describe(t),
                       "of shape (2, 1, 3, 1, 4) and dtype int16", "的形状为 (2, 1, 3, 1, 4)，dtype 为 int16")


def test_describes_an_empty_bool_tensor(kata, ref):
    t = torch.zeros(4, 0, 2, dtype=torch.bool)
    _check_description(kata.describe(t), ref.describe(t), "of shape (4, 0, 2) and dtype bool",
                       "的形状为 (4, 0, 2)，dtype 为 bool")


def test_reads_the_device_instead_of_assuming_cpu(kata, ref):
    t = torch.empty(6, 2, dtype=torch.float16, device="meta")
    _check_description(kata.describe(t), ref.describe(t),
                       "of shape (6, 2) on the 'meta' device", "的形状为 (6, 2)，位于 meta 设备上")
