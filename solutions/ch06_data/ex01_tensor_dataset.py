"""ch06 · ex01 — a TensorDataset from NumPy arrays.

Goal: wrap NumPy features and labels in a `torch.utils.data.TensorDataset`, with the
features as float32 and the labels as int64.
目标：把 NumPy 的特征和标签包装成 `torch.utils.data.TensorDataset`，特征转为 float32，
标签转为 int64。

Data loaded with NumPy is usually float64 (features) and int32 or int64 (labels), and
`torch.from_numpy` keeps those dtypes. A model's weights are float32, and
`nn.CrossEntropyLoss` wants int64 class indices, so convert both. Item `i` of the dataset
is the pair (features[i], labels[i]).
用 NumPy 读进来的数据通常是 float64（特征）和 int32 或 int64（标签），而 `torch.from_numpy`
会保留这些 dtype。模型的权重是 float32，`nn.CrossEntropyLoss` 需要 int64 的类别索引，
所以两者都要转换。数据集的第 `i` 项是 (features[i], labels[i])。

Example:
    >>> features = np.zeros((4, 3))                       # float64
    >>> labels = np.array([0, 2, 1, 2], dtype=np.int32)
    >>> ds = to_tensor_dataset(features, labels)
    >>> len(ds)
    4
    >>> x, y = ds[1]
    >>> x.shape, x.dtype, y.dtype, y.item()
    (torch.Size([3]), torch.float32, torch.int64, 2)
"""

import numpy as np
import torch  # noqa: F401 (for the code you write)
from torch.utils.data import TensorDataset


def to_tensor_dataset(features: np.ndarray, labels: np.ndarray) -> TensorDataset:
    # features: (N, F), any float dtype; labels: (N,), any integer dtype
    # TODO: turn both arrays into tensors of the right dtype and wrap them (roughly 3 lines).
    # BEGIN SOLUTION
    x = torch.as_tensor(features, dtype=torch.float32)  # the dtype of the model's weights
    y = torch.as_tensor(labels, dtype=torch.int64)  # class indices for nn.CrossEntropyLoss are int64
    return TensorDataset(x, y)
    # END SOLUTION
