"""ch01 · ex02 — reading a tensor's attributes."""

import torch


def describe(t: torch.Tensor) -> dict:
    return {
        "shape": tuple(t.size()),
        "ndim": t.dim(),
        "numel": t.nelement(),
        "dtype": f"{t.dtype}",
        "device": f"{t.device}",
    }
