"""Hidden-reference tests for ch02 · ex08 — fancy indexing with (row, col) pairs."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, say


def random_pairs(n, m, k, seed):
    g = torch.Generator().manual_seed(seed)
    rows = torch.randint(0, n, (k,), generator=g)
    cols = torch.randint(0, m, (k,), generator=g)
    return torch.stack([rows, cols], dim=1)


def test_values_at_reads_row_then_column(kata):
    x = torch.arange(12).reshape(3, 4)  # x[r, c] = 4 * r + c
    pairs = torch.tensor([[0, 2], [2, 1], [1, 0]])  # still inside x when read the wrong way round
    check_tensor(kata.values_at(x, pairs), torch.tensor([2, 9, 4]),
                 "values_at(arange(12).reshape(3, 4), [[0, 2], [2, 1], [1, 0]])")


def test_values_at_the_example(kata):
    x = torch.tensor([[0, 1, 2], [10, 11, 12]])
    pairs = torch.tensor([[1, 2], [0, 0], [1, 0]])
    check_tensor(kata.values_at(x, pairs), torch.tensor([12, 0, 10]),
                 "values_at(x, [[1, 2], [0, 0], [1, 0]])")


@pytest.mark.parametrize("n, m, k", [(4, 7, 5), (6, 3, 6), (5, 5, 3), (3, 8, 1)])
def test_values_at_matches_reference(kata, ref, n, m, k):
    x, pairs = probes.randn(n, m, seed=n), random_pairs(n, m, k, seed=k)
    check_tensor(kata.values_at(x, pairs), ref.values_at(x, pairs),
                 say(f"values_at(x of shape ({n}, {m}), pairs of shape ({k}, 2))",
                     f"values_at(形状为 ({n}, {m}) 的 x, 形状为 ({k}, 2) 的 pairs)"))


def test_values_at_allows_repeated_pairs(kata, ref):
    x, pairs = probes.randn(3, 4, seed=1), torch.tensor([[2, 3], [2, 3], [0, 1], [2, 3]])
    check_tensor(kata.values_at(x, pairs), ref.values_at(x, pairs),
                 say("values_at(x, pairs) with repeated pairs", "values_at(x, pairs)（pairs 中有重复的坐标对）"))


def test_scores_of_labels_of_the_example(kata):
    x = torch.tensor([[0, 1, 2], [10, 11, 12]])
    check_tensor(kata.scores_of_labels(x, torch.tensor([2, 1])), torch.tensor([2, 11]),
                 "scores_of_labels([[0, 1, 2], [10, 11, 12]], [2, 1])")


@pytest.mark.parametrize("b, c", [(5, 3), (2, 6), (4, 4), (1, 5)])
def test_scores_of_labels_matches_reference(kata, ref, b, c):
    scores = probes.randn(b, c, seed=b)
    labels = torch.randint(0, c, (b,), generator=torch.Generator().manual_seed(c))
    check_tensor(kata.scores_of_labels(scores, labels), ref.scores_of_labels(scores, labels),
                 say(f"scores_of_labels(scores of shape ({b}, {c}), labels of shape ({b},))",
                     f"scores_of_labels(形状为 ({b}, {c}) 的 scores, 形状为 ({b},) 的 labels)"))
