"""ch01 · ex02 — reading a tensor's attributes."""

import torch


def describe(t: torch.Tensor) -> dict:
    shape = t.shape  # torch.Size is a tuple
    return dict(shape=shape, ndim=len(shape), numel=t.numel(), dtype=repr(t.dtype), device=str(t.device))
