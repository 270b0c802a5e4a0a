"""Hidden-reference tests for ch01 · ex04 — element-wise product vs matrix product."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say


def _rand(*shape, seed):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def inputs_after_probe(mod, name, a, b):
    """In the worker: call `name(a, b)` and send a and b back as they are afterwards."""
    getattr(mod, name)(a, b)
    return a, b


def _same(got, t):
    return isinstance(got, torch.Tensor) and torch.equal(got, t)


@pytest.mark.parametrize("shape", [(3, 5), (4, 2), (2, 3, 4)])
def test_elementwise_product_multiplies_matching_elements(kata, ref, shape):
    a, b = _rand(*shape, seed=0), _rand(*shape, seed=1)
    check_tensor(kata.elementwise_product(a, b), ref.elementwise_product(a, b),
                 say(f"elementwise_product(a, b) for a, b of shape {shape}",
                     f"elementwise_product(a, b)（a、b 的形状都是 {shape}）"))


def test_elementwise_product_of_square_matrices_is_not_the_matrix_product(kata, ref):
    a, b = _rand(3, 3, seed=2), _rand(3, 3, seed=3)
    check_tensor(kata.elementwise_product(a, b), ref.elementwise_product(a, b),
                 say("elementwise_product(a, b) for a, b of shape (3, 3)",
                     "elementwise_product(a, b)（a、b 的形状都是 (3, 3)）"))


@pytest.mark.parametrize("n, k, m", [(3, 4, 5), (2, 7, 1), (5, 3, 3)])
def test_matrix_product_of_non_square_matrices(kata, ref, n, k, m):
    a, b = _rand(n, k, seed=4), _rand(k, m, seed=5)
    check_tensor(kata.matrix_product(a, b), ref.matrix_product(a, b),
                 say(f"matrix_product(a, b) for a of shape {(n, k)} and b of shape {(k, m)}",
                     f"matrix_product(a, b)（a 的形状为 {(n, k)}，b 的形状为 {(k, m)}）"))


def test_matrix_product_of_square_matrices_is_not_elementwise(kata, ref):
    a, b = _rand(4, 4, seed=6), _rand(4, 4, seed=7)
    check_tensor(kata.matrix_product(a, b), ref.matrix_product(a, b),
                 say("matrix_product(a, b) for a, b of shape (4, 4)",
                     "matrix_product(a, b)（a、b 的形状都是 (4, 4)）"))


def test_matrix_product_works_on_a_batch_of_matrices(kata, ref):
    a, b = _rand(2, 3, 4, seed=8), _rand(2, 4, 5, seed=9)
    check_tensor(kata.matrix_product(a, b), ref.matrix_product(a, b),
                 say("matrix_product(a, b) for a of shape (2, 3, 4) and b of shape (2, 4, 5)",
                     "matrix_product(a, b)（a 的形状为 (2, 3, 4)，b 的形状为 (2, 4, 5)）"))


def test_matrix_product_of_two_vectors_is_their_dot_product(kata, ref):
    a, b = _rand(6, seed=10), _rand(6, seed=11)
    check_tensor(kata.matrix_product(a, b), ref.matrix_product(a, b),
                 say("matrix_product(a, b) for vectors a, b of shape (6,)",
                     "matrix_product(a, b)（a、b 是形状为 (6,) 的向量）"))


@pytest.mark.parametrize("name, shape_b", [("elementwise_product", (3, 5)), ("matrix_product", (5, 2))])
def test_does_not_change_its_inputs(kata, name, shape_b):
    a, b = _rand(3, 5, seed=12), _rand(*shape_b, seed=13)
    a_after, b_after = kata.probe(inputs_after_probe, name, a, b)
    check_true(_same(a_after, a) and _same(b_after, b),
               f"{name}(a, b) changed a or b: use a * b / a @ b, not an in-place version such as a.mul_(b)",
               f"{name}(a, b) 修改了 a 或 b：请用 a * b / a @ b，不要用 a.mul_(b) 这类原地（in-place）操作")
