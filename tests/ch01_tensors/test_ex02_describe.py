"""Hidden-reference tests for ch01 · ex02 — tensor attributes."""

import torch

from grader.checks import check_equal, check_true
from grader.codec import Unsupported

KEYS = ["device", "dtype", "ndim", "numel", "shape"]


def _check_description(got, expected, t_is):
    what = f"describe(t), for t {t_is},"
    kind = got.type_name if isinstance(got, Unsupported) else type(got).__name__
    check_true(isinstance(got, dict), f"{what} must return a dict (got {kind})")
    check_true(sorted(got) == KEYS, f"{what} must have the keys {KEYS} (got {sorted(got)})")
    shape = got["shape"]
    check_true(isinstance(shape, tuple),
               f"describe(t)['shape'], for t {t_is}, must be a tuple of ints such as {expected['shape']} "
               f"(got {type(shape).__name__} {shape!r}); tuple(t.shape) makes one")
    check_equal(tuple(shape), expected["shape"], f"describe(t)['shape'], for t {t_is},")
    for key in ["dtype", "device"]:
        check_true(isinstance(got[key], str),
                   f"describe(t)[{key!r}], for t {t_is}, must be a string such as {expected[key]!r} "
                   f"(got {type(got[key]).__name__} {got[key]!r}); str(t.{key}) makes one")
    for key in ["ndim", "numel", "dtype", "device"]:
        check_equal(got[key], expected[key], f"describe(t)[{key!r}], for t {t_is},")


def test_describes_a_2d_float_tensor(kata, ref):
    t = torch.rand(3, 5, generator=torch.Generator().manual_seed(0))
    _check_description(kata.describe(t), ref.describe(t), "of shape (3, 5)")


def test_describes_a_0d_scalar(kata, ref):
    t = torch.tensor(2.5, dtype=torch.float64)
    _check_description(kata.describe(t), ref.describe(t), "= torch.tensor(2.5, dtype=torch.float64)")


def test_describes_a_5d_int16_tensor(kata, ref):
    t = torch.randint(0, 9, (2, 1, 3, 1, 4), dtype=torch.int16, generator=torch.Generator().manual_seed(1))
    _check_description(kata.describe(t), ref.describe(t),
                       "of shape (2, 1, 3, 1, 4) and dtype int16")


def test_describes_an_empty_bool_tensor(kata, ref):
    t = torch.zeros(4, 0, 2, dtype=torch.bool)
    _check_description(kata.describe(t), ref.describe(t), "of shape (4, 0, 2) and dtype bool")


def test_reads_the_device_instead_of_assuming_cpu(kata, ref):
    t = torch.empty(6, 2, dtype=torch.float16, device="meta")
    _check_description(kata.describe(t), ref.describe(t),
                       "of shape (6, 2) on the 'meta' device")
