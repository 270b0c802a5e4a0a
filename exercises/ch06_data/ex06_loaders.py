"""ch06 · ex06 — DataLoaders for training and validation.

Goal: return `(train_loader, val_loader)`, two `torch.utils.data.DataLoader`s with
`batch_size` samples per batch:
- the training loader shuffles every epoch, reproducibly: the same `seed` gives the same
  order epoch after epoch, whatever else draws random numbers in between. Pass it its own
  generator, e.g. `torch.Generator().manual_seed(seed)`; `make_loaders` must leave the
  global random state as it was (no `torch.manual_seed`). And it drops the last,
  incomplete batch (`drop_last`), so every training step sees `batch_size` samples;
- the validation loader keeps the dataset's order and every sample, the last batch
  possibly smaller: each one must be scored.
目标：返回 `(train_loader, val_loader)`，两个每批 `batch_size` 个样本的
`torch.utils.data.DataLoader`：
- 训练 DataLoader 每个 epoch 都打乱，且可复现：同一个 `seed` 每个 epoch 给出的顺序都相同，
  不受中间其他随机数抽取的影响。给它一个自己的生成器，例如 `torch.Generator().manual_seed(seed)`；
  `make_loaders` 必须保持全局随机状态不变（不要调用 `torch.manual_seed`）。并丢弃最后不完整的批次
  （`drop_last`），让每一步训练都用 `batch_size` 个样本；
- 验证 DataLoader 保持数据集原来的顺序并保留全部样本，最后一批可以更小：每个样本都要评估。

Example:
    >>> train_set = TensorDataset(torch.randn(23, 5), torch.arange(23))
    >>> val_set = TensorDataset(torch.randn(7, 5), torch.arange(7))
    >>> train_loader, val_loader = make_loaders(train_set, val_set, batch_size=5, seed=0)
    >>> [len(y) for x, y in train_loader]
    [5, 5, 5, 5]
    >>> [y.tolist() for x, y in val_loader]
    [[0, 1, 2, 3, 4], [5, 6]]
"""

import torch  # noqa: F401 (for the code you write)
from torch.utils.data import DataLoader, Dataset


def make_loaders(
    train_set: Dataset, val_set: Dataset, batch_size: int, seed: int
) -> tuple[DataLoader, DataLoader]:
    # TODO: a shuffled, seeded, drop_last training loader and a plain validation loader
    # (roughly 5 lines).
    raise NotImplementedError
