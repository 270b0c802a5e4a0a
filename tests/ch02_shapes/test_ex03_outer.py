"""Hidden-reference tests for ch02 · ex03 — outer products by broadcasting."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, say


def test_outer_of_two_vectors_of_the_same_length_is_a_table(kata):
    got = kata.outer(torch.tensor([1, 2, 3]), torch.tensor([1, 10, 100]))
    check_tensor(got, torch.tensor([[1, 10, 100], [2, 20, 200], [3, 30, 300]]), "outer([1, 2, 3], [1, 10, 100])")


def test_outer_of_small_vectors(kata):
    got = kata.outer(torch.tensor([1, 2]), torch.tensor([1, 10, 100]))
    check_tensor(got, torch.tensor([[1, 10, 100], [2, 20, 200]]), "outer([1, 2], [1, 10, 100])")


@pytest.mark.parametrize("n, m", [(3, 5), (6, 2), (4, 4), (1, 7)])
def test_outer_matches_reference(kata, ref, n, m):
    a, b = probes.randn(n, seed=n), probes.randn(m, seed=10 + m)
    check_tensor(kata.outer(a, b), ref.outer(a, b),
                 say(f"outer(a of shape ({n},), b of shape ({m},))", f"outer(形状为 ({n},) 的 a, 形状为 ({m},) 的 b)"))


def test_outer_keeps_the_dtype(kata, ref):
    a, b = probes.randn(3, seed=1).double(), probes.randn(4, seed=2).double()
    check_tensor(kata.outer(a, b), ref.outer(a, b),
                 say("outer(a, b) with float64 inputs", "outer(a, b)（输入为 float64）"))


def test_batched_outer_with_square_rows_is_not_transposed(kata, ref):
    a, b = probes.randn(3, 4, seed=5), probes.randn(3, 4, seed=6)
    check_tensor(kata.batched_outer(a, b), ref.batched_outer(a, b),
                 say("batched_outer(a of shape (3, 4), b of shape (3, 4))",
                     "batched_outer(形状为 (3, 4) 的 a, 形状为 (3, 4) 的 b)"))


@pytest.mark.parametrize("bsz, n, m", [(2, 3, 5), (4, 6, 2), (3, 1, 4)])
def test_batched_outer_matches_reference(kata, ref, bsz, n, m):
    a, b = probes.randn(bsz, n, seed=n), probes.randn(bsz, m, seed=m + 20)
    check_tensor(kata.batched_outer(a, b), ref.batched_outer(a, b),
                 say(f"batched_outer(a of shape ({bsz}, {n}), b of shape ({bsz}, {m}))",
                     f"batched_outer(形状为 ({bsz}, {n}) 的 a, 形状为 ({bsz}, {m}) 的 b)"))


def test_batched_outer_keeps_rows_of_the_batch_apart(kata):
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    b = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [2.0, 2.0, 2.0]])
    expected = torch.stack([torch.outer(a[k], b[k]) for k in range(3)])
    check_tensor(kata.batched_outer(a, b), expected, say("batched_outer(a, b) with a = [[1, 2], [3, 4], [5, 6]]",
                                                         "batched_outer(a, b)（其中 a = [[1, 2], [3, 4], [5, 6]]）"))


def test_batched_outer_of_a_batch_of_one(kata, ref):
    a, b = probes.randn(1, 3, seed=7), probes.randn(1, 5, seed=8)
    check_tensor(kata.batched_outer(a, b), ref.batched_outer(a, b),
                 say("batched_outer(a of shape (1, 3), b of shape (1, 5))",
                     "batched_outer(形状为 (1, 3) 的 a, 形状为 (1, 5) 的 b)"))
