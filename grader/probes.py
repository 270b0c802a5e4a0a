"""Probes and helpers shared by kata tests: one library instead of copies in test files.

A probe is a function `probe(mod, *args)` that runs in the worker with the learner's module
(`kata.probe(probes.autograd_calls, "derivative_at", 2.0)`); only it and what it uses
cross to the worker (see sandbox/probe.py). The helpers (`randn`) are plain functions a test
uses in the judge too. `grade dev check` flags a probe defined twice in the tests: move it
here instead.
"""

from __future__ import annotations

from typing import Any

import torch

__all__ = ["autograd_calls", "randn"]


def randn(*shape: int, seed: int = 0) -> torch.Tensor:
    """A standard normal tensor from a generator of its own, the same in every run."""
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def autograd_calls(mod: Any, name: str, *args: Any, **kwargs: Any) -> int:
    """In the worker: call `mod.name(*args, **kwargs)` and count the backward passes autograd
    runs during it, however it is asked: `Tensor.backward()`, `torch.autograd.backward` or
    `torch.autograd.grad` (however imported), `torch.func.grad`. All of them go through the
    engine's `run_backward`, which is where this counts."""
    from torch.autograd.variable import Variable

    engine = Variable._execution_engine
    calls = []

    class Counting:
        def run_backward(self, *a: Any, **k: Any) -> Any:
            calls.append(1)
            return engine.run_backward(*a, **k)

        def __getattr__(self, attribute: str) -> Any:
            return getattr(engine, attribute)

    Variable._execution_engine = Counting()  # type: ignore[assignment]  # a stand-in that counts, then delegates
    try:
        getattr(mod, name)(*args, **kwargs)
    finally:
        Variable._execution_engine = engine
    return len(calls)
