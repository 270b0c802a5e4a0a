"""ch08 · ex04 — a tensor to NumPy, from any device."""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.to("cpu").detach().numpy()
