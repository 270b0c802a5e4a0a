"""ch06 · ex01 — a TensorDataset from NumPy arrays."""

import numpy as np
import torch
from torch.utils.data import TensorDataset


def to_tensor_dataset(features: np.ndarray, labels: np.ndarray) -> TensorDataset:
    # features: (N, F), any float dtype; labels: (N,), any integer dtype
    x = torch.tensor(features, dtype=torch.float32)
    y = torch.tensor(labels, dtype=torch.int64)
    return list(zip(x, y))
