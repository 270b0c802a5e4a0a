"""Hidden-reference tests for ch02 · ex07 — boolean masks: select and replace."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say


def rounded(*shape, seed=0):
    """Small whole numbers as floats, so exact zeros show up."""
    g = torch.Generator().manual_seed(seed)
    return torch.randint(-3, 4, shape, generator=g).float()


def x_after_replace_negatives(mod, x, value):
    """In the worker: call replace_negatives and send x back as it is afterwards."""
    mod.replace_negatives(x, value)
    return x


def test_positives_of_the_example(kata):
    x = torch.tensor([[1.0, -2.0, 0.0], [-1.0, -1.0, 3.0]])
    check_tensor(kata.positives(x), torch.tensor([1.0, 3.0]), "positives([[1, -2, 0], [-1, -1, 3]])")


@pytest.mark.parametrize("shape", [(4, 5), (2, 3, 4), (7,)])
def test_positives_matches_reference(kata, ref, shape):
    x = rounded(*shape, seed=len(shape))
    check_tensor(kata.positives(x), ref.positives(x),
                 say(f"positives(x of shape {shape})", f"positives(形状为 {shape} 的 x)"))


def test_positives_leaves_out_zeros(kata):
    x = torch.tensor([0.0, 2.0, 0.0, -1.0, 5.0])
    check_tensor(kata.positives(x), torch.tensor([2.0, 5.0]), "positives([0, 2, 0, -1, 5])")


@pytest.mark.parametrize("value", [0.0, -7.5, 9.0])
def test_replace_negatives_matches_reference(kata, ref, value):
    x = rounded(5, 6, seed=1)
    check_tensor(kata.replace_negatives(x, value), ref.replace_negatives(x, value),
                 say(f"replace_negatives(x of shape (5, 6), {value})",
                     f"replace_negatives(形状为 (5, 6) 的 x, {value})"))


def test_replace_negatives_keeps_zeros(kata):
    x = torch.tensor([-1.0, 0.0, 2.0])
    check_tensor(kata.replace_negatives(x, 9.0), torch.tensor([9.0, 0.0, 2.0]),
                 "replace_negatives([-1, 0, 2], 9.0)")


def test_replace_negatives_does_not_modify_its_input(kata):
    x = rounded(4, 3, seed=2)
    after = kata.probe(x_after_replace_negatives, x, 9.0)
    check_true(isinstance(after, torch.Tensor) and torch.equal(after, x),
               "replace_negatives(x, 9.0) changed x: it must return a new tensor and leave x as it was",
               "replace_negatives(x, 9.0) 修改了 x：它应当返回一个新张量，并保持 x 不变")


@pytest.mark.parametrize("n, d", [(5, 5), (6, 4), (3, 7)])  # square first: a wrong dim runs there
def test_rows_with_positive_sum_matches_reference(kata, ref, n, d):
    x = rounded(n, d, seed=n * d)
    check_tensor(kata.rows_with_positive_sum(x), ref.rows_with_positive_sum(x),
                 say(f"rows_with_positive_sum(x of shape ({n}, {d}))",
                     f"rows_with_positive_sum(形状为 ({n}, {d}) 的 x)"))


def test_rows_with_positive_sum_leaves_out_rows_that_sum_to_zero(kata):
    x = torch.tensor([[1.0, -1.0], [2.0, 0.0], [-3.0, 1.0], [0.0, 0.5]])
    check_tensor(kata.rows_with_positive_sum(x), torch.tensor([[2.0, 0.0], [0.0, 0.5]]),
                 "rows_with_positive_sum([[1, -1], [2, 0], [-3, 1], [0, 0.5]])")
