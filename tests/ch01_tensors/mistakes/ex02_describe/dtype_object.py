"""ch01 · ex02 — reading a tensor's attributes."""

import torch


def describe(t: torch.Tensor) -> dict:
    return {
        "shape": tuple(t.shape),
        "ndim": t.ndim,
        "numel": t.numel(),
        "dtype": t.dtype,
        "device": str(t.device),
    }
