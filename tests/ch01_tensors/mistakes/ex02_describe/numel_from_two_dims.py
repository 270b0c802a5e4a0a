"""ch01 · ex02 — reading a tensor's attributes."""

import torch


def describe(t: torch.Tensor) -> dict:
    return {
        "shape": tuple(t.shape),
        "ndim": t.ndim,
        "numel": t.shape[0] * t.shape[1],
        "dtype": str(t.dtype),
        "device": str(t.device),
    }
