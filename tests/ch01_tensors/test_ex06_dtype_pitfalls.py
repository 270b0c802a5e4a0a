"""Hidden-reference tests for ch01 · ex06 — dtype pitfalls: integer means and labels."""

import pytest
import torch

from grader.checks import check_tensor, say


def _counts(shape, dtype, seed):
    return torch.randint(0, 200, shape, dtype=dtype, generator=torch.Generator().manual_seed(seed))


def test_average_of_the_example_is_2_75(kata, ref):
    counts = torch.tensor([[1, 2], [3, 5]])
    check_tensor(kata.average(counts), ref.average(counts), "average(torch.tensor([[1, 2], [3, 5]]))")


@pytest.mark.parametrize("shape, seed", [((3, 5), 0), ((7,), 1), ((2, 3, 4), 2)])
def test_average_of_int64_counts_is_a_float32_scalar(kata, ref, shape, seed):
    counts = _counts(shape, torch.int64, seed)
    check_tensor(kata.average(counts), ref.average(counts),
                 say(f"average(counts) for int64 counts of shape {shape}",
                     f"average(counts)（counts 是形状为 {shape} 的 int64 张量）"))


@pytest.mark.parametrize("dtype", [torch.int32, torch.uint8])
def test_average_works_for_other_integer_dtypes(kata, ref, dtype):
    counts = _counts((4, 6), dtype, 3)
    check_tensor(kata.average(counts), ref.average(counts),
                 say(f"average(counts) for {dtype} counts of shape (4, 6)",
                     f"average(counts)（counts 是形状为 (4, 6) 的 {dtype} 张量）"))


@pytest.mark.parametrize("values", [[2, 0, 1], [0, 3, 3, 1, 2, 9], [7]])
def test_labels_are_an_int64_tensor(kata, ref, values):
    check_tensor(kata.labels(values), ref.labels(values), f"labels({values})")
