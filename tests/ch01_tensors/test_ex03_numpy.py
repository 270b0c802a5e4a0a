"""Hidden-reference tests for ch01 · ex03 — NumPy interop and shared memory."""

import numpy as np
import pytest
import torch

from grader.checks import check_tensor, check_true, say

ARRAYS = [((3, 5), "float64"), ((4, 2), "int32"), ((2, 3, 4), "float32")]


def _array(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * 10).astype(dtype)


def from_numpy_sharing_probe(mod, shape, dtype):
    """In the worker: change the array after converting it; did the tensor see it?"""
    array = _array(shape, dtype)
    t = mod.from_numpy(array)
    array.flat[-1] = 100
    return torch.as_tensor(t).reshape(-1)[-1].item() == 100


def to_numpy_sharing_probe(mod, shape, dtype, requires_grad):
    """In the worker: change the tensor after converting it; did the array see it?"""
    t = torch.from_numpy(_array(shape, dtype))
    t.requires_grad_(requires_grad)
    array = mod.to_numpy(t)
    with torch.no_grad():
        t.view(-1)[-1] = 100
    return np.asarray(array).reshape(-1)[-1].item() == 100


def to_numpy_grad_probe(mod):
    """In the worker: convert a tensor that requires grad (it cannot travel as an argument)."""
    t = torch.from_numpy(_array((3, 4), "float32", seed=5)).requires_grad_(True)
    return mod.to_numpy(t)


def _check_array(got, expected, what):
    check_true(isinstance(got, np.ndarray),
               f"{what} must return a NumPy array (got {type(got).__name__}); tensors have a .numpy() method",
               f"{what} 必须返回 NumPy 数组（实际得到 {type(got).__name__}）；张量有 .numpy() 方法")
    check_true(got.shape == expected.shape,
               f"the array from {what} must have shape {expected.shape} (got {got.shape})",
               f"{what} 返回的数组的形状应为 {expected.shape}（实际为 {got.shape}）")
    check_true(got.dtype == expected.dtype,
               f"the array from {what} must be of dtype {expected.dtype} (got {got.dtype})",
               f"{what} 返回的数组的 dtype 应为 {expected.dtype}（实际为 {got.dtype}）")
    check_true(np.array_equal(got, expected), f"{what} has wrong values:\n  expected {expected.tolist()}"
               f"\n  got      {got.tolist()}",
               f"{what} 的数值不对：\n  应为 {expected.tolist()}\n  实际 {got.tolist()}")


@pytest.mark.parametrize("shape, dtype", ARRAYS)
def test_from_numpy_keeps_shape_dtype_and_values(kata, shape, dtype):
    array = _array(shape, dtype)
    check_tensor(kata.from_numpy(array), torch.from_numpy(array.copy()),
                 say(f"from_numpy(array) for a {dtype} array of shape {shape}",
                     f"from_numpy(array)（array 是形状为 {shape} 的 {dtype} 数组）"), atol=0, rtol=0)


@pytest.mark.parametrize("shape, dtype", ARRAYS[:2])
def test_from_numpy_shares_memory_with_the_array(kata, shape, dtype):
    check_true(kata.probe(from_numpy_sharing_probe, shape, dtype),
               f"after t = from_numpy(array) for a {dtype} array of shape {shape}, writing to the array "
               "did not change t: t is a copy (torch.tensor and torch.Tensor copy; torch.from_numpy shares)",
               f"对形状为 {shape} 的 {dtype} 数组执行 t = from_numpy(array) 后，修改 array 并没有改变 t："
               "t 是一份副本（torch.tensor 和 torch.Tensor 会复制数据；torch.from_numpy 与数组共享内存）")


@pytest.mark.parametrize("shape, dtype", ARRAYS)
def test_to_numpy_keeps_shape_dtype_and_values(kata, shape, dtype):
    t = torch.from_numpy(_array(shape, dtype, seed=3))
    _check_array(kata.to_numpy(t), t.numpy(), say(f"to_numpy(t) for a {t.dtype} t of shape {shape}",
                                                  f"to_numpy(t)（t 是形状为 {shape} 的 {t.dtype} 张量）"))


@pytest.mark.parametrize("shape, dtype", ARRAYS[:2])
def test_to_numpy_shares_memory_with_the_tensor(kata, shape, dtype):
    check_true(kata.probe(to_numpy_sharing_probe, shape, dtype, False),
               f"after array = to_numpy(t) for a {dtype} t of shape {shape}, writing to t did not change "
               "the array: it is a copy (np.array(...) and .tolist() copy; .numpy() shares)",
               f"对形状为 {shape} 的 {dtype} 张量 t 执行 array = to_numpy(t) 后，修改 t 并没有改变 array："
               "它是一份副本（np.array(...) 和 .tolist() 会复制数据；.numpy() 与张量共享内存）")


def test_to_numpy_works_on_a_tensor_that_requires_grad(kata):
    expected = _array((3, 4), "float32", seed=5)
    _check_array(kata.probe(to_numpy_grad_probe), expected,
                 say("to_numpy(t) for a t that requires grad", "to_numpy(t)（t 的 requires_grad=True）"))


def test_to_numpy_shares_memory_even_when_the_tensor_requires_grad(kata):
    check_true(kata.probe(to_numpy_sharing_probe, (3, 4), "float32", True),
               "after array = to_numpy(t) for a t that requires grad, writing to t did not change the array: "
               "it is a copy (.detach() shares memory; .clone() and np.array(...) copy)",
               "对 requires_grad=True 的 t 执行 array = to_numpy(t) 后，修改 t 并没有改变 array："
               "它是一份副本（.detach() 共享内存；.clone() 和 np.array(...) 会复制数据）")
