"""Hidden-reference tests for ch08 · ex04 — a tensor to NumPy, from any device.

Without a GPU, `OnFakeGpu` stands in for a CUDA tensor: a CPU tensor that reports
device cuda:0 and refuses to become a NumPy array until copied to the CPU, with the
message a real CUDA tensor gives.
"""

import numpy as np
import pytest
import torch

from grader.checks import check_tensor, check_true, say

CUDA_TO_NUMPY = ("can't convert cuda:0 device type tensor to numpy. "
                 "Use Tensor.cpu() to copy the tensor to host memory first.")


def _targets_cpu(args: tuple, kwargs: dict) -> bool:
    """Whether a Tensor.to(...) call asks for the CPU."""
    where = kwargs.get("device", args[0] if args else None)
    try:
        return torch.device(where).type == "cpu"
    except (TypeError, RuntimeError):  # .to(dtype) or .to(other_tensor)
        return isinstance(where, torch.Tensor) and where.device.type == "cpu" and not isinstance(
            where, OnFakeGpu)


class OnFakeGpu(torch.Tensor):
    """A CPU tensor that behaves, for .numpy() and .device, like a tensor on cuda:0."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in (torch.Tensor.numpy, torch.Tensor.__array__) and not kwargs.get("force"):
            raise TypeError(CUDA_TO_NUMPY)
        if func == torch.Tensor.device.__get__:
            return torch.device("cuda", 0)
        if func == torch.Tensor.is_cuda.__get__:
            return True
        out = super().__torch_function__(func, types, args, kwargs)
        if func is torch.Tensor.cpu or (func is torch.Tensor.to and _targets_cpu(args[1:], kwargs)):
            return out.as_subclass(torch.Tensor)  # now a plain CPU tensor
        return out


def _values(seed: int, shape: tuple[int, ...], dtype: torch.dtype) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    if dtype.is_floating_point:
        return torch.randn(shape, generator=g).to(dtype)
    return torch.randint(-50, 50, shape, generator=g).to(dtype)


def convert_with_to_numpy(mod, seed, shape, dtype, requires_grad, where):
    """In the worker: build the tensor (on a real or pretend GPU, maybe in a graph) and convert it."""
    t = _values(seed, shape, dtype)
    if where == "gpu_simulated":
        t = t.as_subclass(OnFakeGpu)
    elif where == "cuda":
        t = t.to("cuda")
    if requires_grad:
        t = t.requires_grad_() * 1  # a result in the autograd graph, as a model's output is
    return mod.to_numpy(t)


def _check_array(got, expected: torch.Tensor, what: str) -> None:
    check_true(isinstance(got, np.ndarray),
               f"{what} must return a NumPy array (got {type(got).__name__})",
               f"{what} 必须返回 NumPy 数组（实际得到 {type(got).__name__}）")
    check_tensor(torch.from_numpy(got), expected, what)


def _what(shape, dtype, requires_grad, where) -> str:
    kind = {"cpu": "CPU", "gpu_simulated": "GPU", "cuda": "GPU"}[where]
    grad = ", requires_grad=True" if requires_grad else ""
    return say(f"to_numpy(<{kind} tensor of shape {shape}, {dtype}{grad}>)",
               f"to_numpy(<{kind} 上形状为 {shape} 的张量, {dtype}{grad}>)")


@pytest.mark.parametrize("shape, dtype", [
    ((3, 5), torch.float32), ((4,), torch.int64), ((2, 3, 2), torch.float64),
])
def test_converts_a_cpu_tensor(kata, shape, dtype):
    got = kata.probe(convert_with_to_numpy, 0, shape, dtype, False, "cpu")
    _check_array(got, _values(0, shape, dtype), _what(shape, dtype, False, "cpu"))


@pytest.mark.parametrize("shape, dtype", [((3, 5), torch.float32), ((2, 3, 4), torch.float64)])
def test_converts_a_tensor_that_requires_grad(kata, shape, dtype):
    got = kata.probe(convert_with_to_numpy, 1, shape, dtype, True, "cpu")
    _check_array(got, _values(1, shape, dtype), _what(shape, dtype, True, "cpu"))


@pytest.mark.parametrize("shape, dtype", [((5, 3), torch.float32), ((6,), torch.int64)])
def test_converts_a_gpu_tensor(kata, shape, dtype):
    got = kata.probe(convert_with_to_numpy, 2, shape, dtype, False, "gpu_simulated")
    _check_array(got, _values(2, shape, dtype), _what(shape, dtype, False, "gpu_simulated"))


def test_converts_a_gpu_tensor_that_requires_grad(kata):
    got = kata.probe(convert_with_to_numpy, 3, (4, 2), torch.float32, True, "gpu_simulated")
    _check_array(got, _values(3, (4, 2), torch.float32), _what((4, 2), torch.float32, True, "gpu_simulated"))


@pytest.mark.cuda
@pytest.mark.parametrize("requires_grad", [False, True])
def test_converts_a_real_cuda_tensor(kata, requires_grad):
    got = kata.probe(convert_with_to_numpy, 4, (3, 7), torch.float32, requires_grad, "cuda")
    _check_array(got, _values(4, (3, 7), torch.float32), _what((3, 7), torch.float32, requires_grad, "cuda"))
