"""ch06 · ex06 — DataLoaders for training and validation.

Goal: return `(train_loader, val_loader)`, two `torch.utils.data.DataLoader`s with
`batch_size` samples per batch:
- the training loader reshuffles every epoch, reproducibly: two loaders made with the same
  `seed` go through the same orders, epoch by epoch, whatever else draws random numbers in
  between. Pass it its own
  generator, e.g. `torch.Generator().manual_seed(seed)`; `make_loaders` must leave the
  global random state as it was (no `torch.manual_seed`). And it drops the last,
  incomplete batch (`drop_last`), so every training step sees `batch_size` samples;
- the validation loader keeps the dataset's order and every sample, the last batch
  possibly smaller: each one must be scored.
目标：返回 `(train_loader, val_loader)`，两者都是每个批量含 `batch_size` 个样本的
`torch.utils.data.DataLoader`：
- 训练 DataLoader 每个 epoch 都重新打乱，而且可以复现：用同一个 `seed` 创建的两个
  DataLoader，逐个 epoch 的顺序完全相同，不管中间还有什么代码在抽取随机数。给它一个专属的
  生成器，例如 `torch.Generator().manual_seed(seed)`；`make_loaders` 不能改动全局随机状态
  （不要调用 `torch.manual_seed`）。它还要丢弃最后那个不完整的批量（`drop_last`），让每一步
  训练都正好用 `batch_size` 个样本；
- 验证 DataLoader 保持数据集原有的顺序，保留全部样本，最后一个批量可以小一些：每个样本
  都要参与评估。

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
