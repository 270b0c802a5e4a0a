"""Hidden-reference tests for ch09 · ex09 — `view(-1, 8)` on a 5×3 tensor."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, say

# Two to five dimensions, batches of one and more; none of them is (B, 2, 2, 2).
SHAPES = [(5, 3), (2, 4, 4), (3, 2, 5, 7), (4, 3, 1, 2, 2), (6, 16, 1, 1)]


def _what(x):
    return say(f"flatten_batch(x) for x of shape {tuple(x.shape)}", f"x 形状为 {tuple(x.shape)} 时的 flatten_batch(x)")


@pytest.mark.parametrize("shape", SHAPES)
def test_gives_one_row_per_sample_with_its_values_in_order(kata, shape):
    x = probes.randn(*shape, seed=len(shape))
    check_tensor(kata.flatten_batch(x), x.reshape(shape[0], -1), _what(x), atol=0, rtol=0)


@pytest.mark.parametrize("shape", [(1, 16), (1, 3, 2, 2), (1, 8, 1, 1)])
def test_keeps_a_batch_of_one_as_one_row(kata, shape):
    x = probes.randn(*shape, seed=1)
    check_tensor(kata.flatten_batch(x), x.reshape(1, -1), _what(x), atol=0, rtol=0)


def test_still_works_on_the_shape_it_was_written_for(kata):
    x = probes.randn(8, 2, 2, 2, seed=2)
    check_tensor(kata.flatten_batch(x), x.reshape(8, 8), _what(x), atol=0, rtol=0)


@pytest.mark.parametrize("dtype", [torch.int64, torch.float64])
def test_keeps_the_dtype(kata, dtype):
    x = torch.arange(2 * 3 * 5).view(2, 3, 5).to(dtype)
    check_tensor(kata.flatten_batch(x), x.reshape(2, 15), _what(x), atol=0, rtol=0)
