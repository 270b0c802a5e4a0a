"""Hidden-reference tests for ch08 · ex01 — pick a device."""

import pytest
import torch

from grader.checks import check_true, say


def _pretend(gpu: bool) -> list[tuple[object, str, object]]:
    """The attributes to patch so that torch believes a GPU is there (or not)."""
    patches = [
        (torch.cuda, "is_available", lambda: gpu),
        (torch.cuda, "device_count", lambda: int(gpu)),
        (torch.backends.mps, "is_available", lambda: False),
    ]
    if hasattr(torch, "accelerator"):  # torch >= 2.6 has a device-neutral API too
        accelerator = torch.device("cuda") if gpu else None
        patches += [
            (torch.accelerator, "is_available", lambda: gpu),
            (torch.accelerator, "current_accelerator", lambda *a, **k: accelerator),
        ]
    return patches


def pick_device_probe(mod, gpu, use_gpu):
    """In the worker: make torch report a GPU (or none), then ask for a device."""
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in _pretend(gpu)]
    for owner, name, fake in _pretend(gpu):
        setattr(owner, name, fake)
    try:
        return mod.pick_device() if use_gpu is None else mod.pick_device(use_gpu=use_gpu)
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _check_device(got, expected: str, what: str, hint: str = "") -> None:
    check_true(isinstance(got, torch.device),
               f"{what} must return a torch.device (got {type(got).__name__} {got!r}); "
               f"build one with torch.device({expected!r})",
               f"{what} 必须返回 torch.device（实际得到 {type(got).__name__} {got!r}）；"
               f"请用 torch.device({expected!r}) 创建")
    check_true(got.type == expected and got.index in (None, 0),
               f"{what} must be torch.device({expected!r}) (got {got!r}){hint}",
               f"{what} 应为 torch.device({expected!r})（实际为 {got!r}）{hint}")


def _call(use_gpu) -> str:
    return "pick_device()" if use_gpu is None else f"pick_device(use_gpu={use_gpu})"


def test_picks_cuda_when_a_gpu_is_available(kata):
    got = kata.probe(pick_device_probe, True, None)
    _check_device(got, "cuda", say("with torch.cuda.is_available() True, pick_device()",
                                   "torch.cuda.is_available() 为 True 时，pick_device()"),
                  say(": ask torch.cuda.is_available() inside pick_device, each time it is called",
                      "：请在 pick_device 内部调用 torch.cuda.is_available()，每次调用都重新检查"))


def test_picks_cpu_when_no_gpu_is_available(kata):
    got = kata.probe(pick_device_probe, False, None)
    _check_device(got, "cpu", say("with torch.cuda.is_available() False, pick_device()",
                                  "torch.cuda.is_available() 为 False 时，pick_device()"))


@pytest.mark.parametrize("gpu, use_gpu, expected", [
    (True, True, "cuda"), (True, False, "cpu"), (False, True, "cpu"), (False, False, "cpu"),
])
def test_use_gpu_false_forces_the_cpu(kata, gpu, use_gpu, expected):
    got = kata.probe(pick_device_probe, gpu, use_gpu)
    _check_device(got, expected, say(f"with torch.cuda.is_available() {gpu}, {_call(use_gpu)}",
                                     f"torch.cuda.is_available() 为 {gpu} 时，{_call(use_gpu)}"))


def test_matches_the_reference_on_this_machine(kata, ref):
    _check_device(kata.pick_device(), ref.pick_device().type,
                  say("on this machine, pick_device()", "在这台机器上，pick_device()"))


@pytest.mark.cuda
def test_picks_the_real_gpu(kata):
    _check_device(kata.pick_device(), "cuda", say("on a machine with a GPU, pick_device()",
                                                  "在有 GPU 的机器上，pick_device()"))
