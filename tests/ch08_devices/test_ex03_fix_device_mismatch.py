"""Hidden-reference tests for ch08 · ex03 — fix a device mismatch."""

import pytest
import torch

from grader.checks import check_tensor, say


def _on_meta(fn, *args):
    """Call fn; torch's own NotImplementedError (e.g. "Cannot copy out of meta tensor") is
    re-raised as a RuntimeError, so that the grader does not read it as an unstarted stub."""
    try:
        return fn(*args)
    except NotImplementedError as e:
        if not str(e):  # the stub's bare `raise NotImplementedError`
            raise
        error = RuntimeError(say(f"{e} (a tensor on the 'meta' device has a shape but no values: "
                                 "keep everything on the device you were given)",
                                 f"{e}（meta 设备上的张量只有形状、没有数值：请把所有张量都放在传入的 device 上）"))
        raise error.with_traceback(e.__traceback__) from None


def _input(seed: int, b: int, t: int, n_in: int) -> torch.Tensor:
    return torch.randn(b, t, n_in, generator=torch.Generator().manual_seed(seed))


def _run(module, seed, b, t, n_in, n_hidden, device, dtype):
    with torch.random.fork_rng(devices=[]):  # same weights for the learner and the reference
        torch.manual_seed(seed)
        rnn = module.TinyRNN(n_in, n_hidden)
    rnn = rnn.to(device=device, dtype=dtype)
    return rnn(_input(seed, b, t, n_in).to(device=device, dtype=dtype))


def run_tiny_rnn(mod, seed, b, t, n_in, n_hidden, device, dtype):
    """In the worker: build TinyRNN on `device` in `dtype` and run it on an input there."""
    return _on_meta(_run, mod, seed, b, t, n_in, n_hidden, device, dtype)


def _what(b, t, n_in, n_hidden, device, dtype):
    return say(f"TinyRNN({n_in}, {n_hidden}).to({device!r}, {dtype}) on an input of shape ({b}, {t}, {n_in}) "
               f"on {device!r}",
               f"TinyRNN({n_in}, {n_hidden}).to({device!r}, {dtype}) 处理位于 {device!r} 上、"
               f"形状为 ({b}, {t}, {n_in}) 的输入")


@pytest.mark.parametrize("b, t, n_in, n_hidden", [(4, 7, 3, 5), (2, 3, 6, 1)])
def test_runs_on_the_cpu_as_before(kata, ref, b, t, n_in, n_hidden):
    got = kata.probe(run_tiny_rnn, 0, b, t, n_in, n_hidden, "cpu", torch.float32)
    expected = _run(ref, 0, b, t, n_in, n_hidden, "cpu", torch.float32).detach()
    check_tensor(got, expected, _what(b, t, n_in, n_hidden, "cpu", torch.float32))


@pytest.mark.parametrize("b, t, n_in, n_hidden", [(4, 7, 3, 5), (3, 2, 8, 6)])
def test_runs_on_the_meta_device(kata, b, t, n_in, n_hidden):
    got = kata.probe(run_tiny_rnn, 1, b, t, n_in, n_hidden, "meta", torch.float32)
    expected = torch.empty(b, n_hidden, device="meta")
    check_tensor(got, expected, _what(b, t, n_in, n_hidden, "meta", torch.float32))


def test_runs_in_float64(kata, ref):
    got = kata.probe(run_tiny_rnn, 2, 3, 4, 5, 6, "cpu", torch.float64)
    expected = _run(ref, 2, 3, 4, 5, 6, "cpu", torch.float64).detach()
    check_tensor(got, expected, _what(3, 4, 5, 6, "cpu", torch.float64))


def test_runs_on_the_meta_device_in_float64(kata):
    got = kata.probe(run_tiny_rnn, 3, 2, 5, 4, 3, "meta", torch.float64)
    expected = torch.empty(2, 3, dtype=torch.float64, device="meta")
    check_tensor(got, expected, _what(2, 5, 4, 3, "meta", torch.float64))


@pytest.mark.cuda
def test_runs_on_the_gpu(kata, ref):
    got = kata.probe(run_tiny_rnn, 4, 4, 7, 3, 5, "cuda", torch.float32)
    expected = _run(ref, 4, 4, 7, 3, 5, "cuda", torch.float32).detach()
    check_tensor(got, expected, _what(4, 7, 3, 5, "cuda", torch.float32), atol=1e-4)
