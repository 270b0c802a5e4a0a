"""ch01 · ex03 — NumPy and PyTorch sharing memory."""

import numpy as np
import torch


def from_numpy(array: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(array)


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.numpy()
