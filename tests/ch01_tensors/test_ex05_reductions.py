"""Hidden-reference tests for ch01 · ex05 — reductions along a dim."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say
from grader.sandbox.codec import Unsupported

SHAPES = [(3, 5), (6, 2), (4, 4)]  # the square one catches a wrong dim that keeps the shape


def _rand(*shape, seed):
    return torch.rand(*shape, generator=torch.Generator().manual_seed(seed)) + 0.1


def input_after_probe(mod, name, x):
    """In the worker: call `name(x)` and send x back as it is afterwards."""
    getattr(mod, name)(x)
    return x


def row_max_as_a_tuple(mod, x):
    """In the worker: row_max(x); any tuple (torch's named (values, indices) too) comes back as a plain one."""
    got = mod.row_max(x)
    return tuple(got) if isinstance(got, tuple) else got


def _same(got, t):
    return isinstance(got, torch.Tensor) and torch.equal(got, t)


def _check_pair(got, what):
    if isinstance(got, Unsupported):
        check_true(False, f"{what} must return a tuple (values, indices), not a {got.type_name}",
                   f"{what} 必须返回元组 (values, indices)，而不是 {got.type_name}")
    check_true(isinstance(got, tuple) and len(got) == 2,
               f"{what} must return a tuple (values, indices) (got {type(got).__name__})",
               f"{what} 必须返回元组 (values, indices)（实际得到 {type(got).__name__}）")


@pytest.mark.parametrize("shape", SHAPES)
def test_column_means_has_one_mean_per_column(kata, ref, shape):
    x = _rand(*shape, seed=0)
    check_tensor(kata.column_means(x), ref.column_means(x),
                 say(f"column_means(x) for x of shape {shape}", f"column_means(x)（x 的形状为 {shape}）"))


def test_row_max_returns_a_values_indices_tuple(kata):
    _check_pair(kata.probe(row_max_as_a_tuple, _rand(3, 5, seed=1)), "row_max(x)")


@pytest.mark.parametrize("shape", SHAPES)
def test_row_max_values_are_each_rows_largest_element(kata, ref, shape):
    x = _rand(*shape, seed=2)
    got = kata.probe(row_max_as_a_tuple, x)
    _check_pair(got, "row_max(x)")
    check_tensor(got[0], ref.row_max(x)[0], say(f"row_max(x)[0] (the values) for x of shape {shape}",
                                                f"row_max(x)[0]（即 values，x 的形状为 {shape}）"))


@pytest.mark.parametrize("shape", SHAPES)
def test_row_max_indices_are_the_columns_of_those_maxima(kata, ref, shape):
    x = _rand(*shape, seed=3)
    got = kata.probe(row_max_as_a_tuple, x)
    _check_pair(got, "row_max(x)")
    check_tensor(got[1], ref.row_max(x)[1], say(f"row_max(x)[1] (the indices) for x of shape {shape}",
                                                f"row_max(x)[1]（即 indices，x 的形状为 {shape}）"))


@pytest.mark.parametrize("shape", SHAPES)
def test_normalize_rows_divides_each_row_by_its_sum(kata, ref, shape):
    x = _rand(*shape, seed=4)
    check_tensor(kata.normalize_rows(x), ref.normalize_rows(x),
                 say(f"normalize_rows(x) for x of shape {shape}", f"normalize_rows(x)（x 的形状为 {shape}）"))


def test_normalize_rows_does_not_change_x(kata):
    x = _rand(3, 5, seed=5)
    check_true(_same(kata.probe(input_after_probe, "normalize_rows", x), x),
               "normalize_rows(x) changed x: divide into a new tensor (x / totals), "
               "not in place (x /= totals)",
               "normalize_rows(x) 修改了 x：请用 x / totals 得到一个新张量，不要原地修改（x /= totals）")
