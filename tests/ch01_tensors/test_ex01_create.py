"""Hidden-reference tests for ch01 · ex01 — creating tensors."""

import pytest
import torch

from grader.checks import check_tensor, check_true


@pytest.mark.parametrize("values", [[1.5, -2.0, 3.25], [1, 2, 3, 4], [7]])
def test_vector_is_float64_holding_the_values(kata, ref, values):
    check_tensor(kata.vector(values), ref.vector(values), f"vector({values})")


def test_vector_keeps_digits_that_float32_would_lose(kata, ref):
    values = [0.1, 16777217, -1 / 3]  # none of them fits in float32 exactly
    got, expected = kata.vector(values), ref.vector(values)
    check_tensor(got, expected, f"vector({values})")
    check_true(torch.equal(got, expected),
               f"vector({values}) must hold exactly {expected.tolist()} (got {got.tolist()}): make the float64 "
               "tensor directly; a float32 tensor converted afterwards has already rounded the values",
               f"vector({values}) 必须精确地等于 {expected.tolist()}（实际为 {got.tolist()}）：请直接创建 float64 "
               "张量；先建成 float32 再转换，数值在转换之前就已经被舍入了")


@pytest.mark.parametrize("rows, cols", [(2, 5), (7, 3), (1, 4)])
def test_int_zeros_is_rows_by_cols_of_int64_zeros(kata, ref, rows, cols):
    check_tensor(kata.int_zeros(rows, cols), ref.int_zeros(rows, cols), f"int_zeros({rows}, {cols})")


@pytest.mark.parametrize("rows, cols", [(3, 2), (1, 6)])
def test_all_true_is_rows_by_cols_of_bool_trues(kata, ref, rows, cols):
    check_tensor(kata.all_true(rows, cols), ref.all_true(rows, cols), f"all_true({rows}, {cols})")


def global_state_around_uniform(mod, rows, cols, seed):
    """In the worker: torch's global random state before and after uniform(rows, cols, seed)."""
    before = torch.get_rng_state()
    mod.uniform(rows, cols, seed)
    return before, torch.get_rng_state()


def test_uniform_gives_the_same_values_for_the_same_seed(kata):
    first, second = kata.uniform(3, 5, 1), kata.uniform(3, 5, 1)
    check_true(isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor),
               f"uniform(3, 5, seed=1) must return a tensor (got {type(first).__name__})",
               f"uniform(3, 5, seed=1) 必须返回张量（实际得到 {type(first).__name__}）")
    check_true(first.shape == second.shape and torch.equal(first, second),
               "uniform(3, 5, seed=1) gave different values on two calls: "
               "seed the random generator with `seed` before drawing",
               "uniform(3, 5, seed=1) 两次调用得到的值不同：采样之前，请先用 `seed` 设定随机种子")


def test_uniform_gives_different_values_for_different_seeds(kata):
    check_true(not torch.equal(kata.uniform(4, 3, 0), kata.uniform(4, 3, 1)),
               "uniform(4, 3, seed=0) and uniform(4, 3, seed=1) are equal: use `seed`, not a fixed number",
               "uniform(4, 3, seed=0) 和 uniform(4, 3, seed=1) 的结果相同：请使用参数 `seed`，不要写死一个固定的种子")


def test_uniform_stays_in_zero_to_one(kata):
    got = kata.uniform(20, 30, 2)
    check_true(isinstance(got, torch.Tensor) and got.is_floating_point(),
               f"uniform(20, 30, seed=2) must return a float tensor (got {type(got).__name__})",
               f"uniform(20, 30, seed=2) 必须返回浮点张量（实际得到 {type(got).__name__}）")
    check_true(bool((got >= 0).all() and (got < 1).all()),
               f"uniform(20, 30, seed=2) must lie in [0, 1), but ranges from {got.min().item():.3f} "
               f"to {got.max().item():.3f}: torch.rand is uniform on [0, 1), torch.randn is not",
               f"uniform(20, 30, seed=2) 的值必须落在 [0, 1) 内，实际范围却是 {got.min().item():.3f} "
               f"到 {got.max().item():.3f}：torch.rand 在 [0, 1) 上均匀分布，torch.randn 不是")


def test_uniform_leaves_the_global_random_state_alone(kata):
    before, after = kata.probe(global_state_around_uniform, 3, 4, 5)
    check_true(torch.equal(before, after),
               "uniform(3, 4, seed=5) changed torch's global random state, so every later draw in the program "
               "depends on it (torch.manual_seed reseeds the whole program): draw from a torch.Generator of your own",
               "uniform(3, 4, seed=5) 改动了 torch 的全局随机状态，程序里之后的每次采样都会受它影响"
               "（torch.manual_seed 会重设整个程序的随机种子）：请从你自己创建的 torch.Generator 中采样")


@pytest.mark.parametrize("rows, cols, seed", [(3, 5, 0), (6, 2, 7), (1, 4, 123)])
def test_uniform_matches_torch_rand_with_that_seed(kata, ref, rows, cols, seed):
    check_tensor(kata.uniform(rows, cols, seed), ref.uniform(rows, cols, seed),
                 f"uniform({rows}, {cols}, seed={seed})", atol=0, rtol=0)


@pytest.mark.parametrize("n", [1, 4, 9])
def test_evens_counts_from_zero_in_steps_of_two(kata, ref, n):
    check_tensor(kata.evens(n), ref.evens(n), f"evens({n})")
