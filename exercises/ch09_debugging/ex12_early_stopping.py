"""ch09 · ex12 — early stopping that keeps the best weights.

Goal: write `split`, which holds out a validation set, and `fit_with_early_stopping`, which
trains until the validation loss stops improving and gives back the model as it was at its
best epoch.
目标：实现 `split`，从数据集中留出一个验证集；实现 `fit_with_early_stopping`，一直训练到验证
损失不再下降为止，并把模型恢复成它在最好的那个 epoch 时的样子。

`split(dataset, val_fraction, seed)` returns `(train_set, val_set)` made by
`torch.utils.data.random_split`: `int(len(dataset) * val_fraction)` samples (rounded down)
go to validation, the rest to training. The shuffle comes from a
`torch.Generator().manual_seed(seed)` of its own, so the same seed gives the same split
and the global random state (`torch.manual_seed`) is left as it was.
`split(dataset, val_fraction, seed)` 用 `torch.utils.data.random_split` 返回
`(train_set, val_set)`：`int(len(dataset) * val_fraction)` 个样本（向下取整）作为验证集，其余的
作为训练集。打乱顺序用的是单独的 `torch.Generator().manual_seed(seed)`，所以相同的 seed 得到相同
的划分，全局随机状态（`torch.manual_seed`）保持不变。

`fit_with_early_stopping` runs epochs 0, 1, 2, ... Each epoch trains on every batch of
`train_loader` in training mode (`model.train()`, then `zero_grad`, `backward`, `step`),
then validates: the validation loss is the mean of `loss_fn` over the batches of
`val_loader` (all of the same size), computed in eval mode under `torch.no_grad()`. An
epoch improves when its validation loss is strictly lower than every earlier one; a deep
copy of the model's `state_dict` is kept at each improvement. Training stops after
`patience` epochs in a row without improvement, or after `max_epochs` epochs. Before
returning, the best epoch's weights are loaded back into `model`, and grad mode is on again.
It returns `(best_epoch, history)`: the index of the best epoch (from 0) and the list of
validation losses, one Python float per epoch run.
`fit_with_early_stopping` 依次运行第 0、1、2……个 epoch。每个 epoch 先在训练模式下
（`model.train()`，然后 `zero_grad`、`backward`、`step`）用 `train_loader` 的每个批量训练，
再做验证：验证损失是 `loss_fn` 在 `val_loader` 各个批量（大小都相同）上的平均值，在评估模式下、
`torch.no_grad()` 中计算。验证损失严格低于之前所有 epoch 时，这个 epoch 就算有改进；每次改进都
深拷贝一份模型的 `state_dict`。连续 `patience` 个 epoch 没有改进就停止训练，最多训练
`max_epochs` 个 epoch。返回之前把最好那个 epoch 的权重加载回 `model`，梯度模式也要重新打开。
返回 `(best_epoch, history)`：最好的 epoch 的下标（从 0 开始）和验证损失的列表，每个已运行的
epoch 一个 Python float。

`model.state_dict()` returns the live tensors of the model, not a copy: keep
`copy.deepcopy(model.state_dict())`, or the "best" weights go on changing with training.
`model.state_dict()` 返回的是模型正在使用的张量本身，而不是副本：要保存
`copy.deepcopy(model.state_dict())`，否则“最好的”权重会跟着训练一起变。

Example:
    >>> train_set, val_set = split(dataset, 0.25, seed=0)   # len(dataset) == 100
    >>> len(train_set), len(val_set)
    (75, 25)
    >>> best_epoch, history = fit_with_early_stopping(
    ...     model, optimizer, nn.MSELoss(), DataLoader(train_set, batch_size=8, shuffle=True),
    ...     DataLoader(val_set, batch_size=5), max_epochs=50, patience=2)
    >>> history                   # losses of epochs 0..6; epochs 5 and 6 do not improve on epoch 4
    [8.43, 6.69, 4.87, 3.32, 2.72, 3.09, 3.12]
    >>> best_epoch                # and model now holds the weights it had after epoch 4
    4
"""

import copy

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset, random_split


def split(dataset: Dataset, val_fraction: float, seed: int) -> tuple[Subset, Subset]:
    # TODO: random_split into (train, val) with a generator of its own (roughly 3 lines).
    raise NotImplementedError


def fit_with_early_stopping(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    train_loader: DataLoader,  # batches (x, y)
    val_loader: DataLoader,  # batches (x, y)
    max_epochs: int,
    patience: int,
) -> tuple[int, list[float]]:
    # TODO: train, validate, keep a copy of the best state_dict, stop, restore (roughly 20 lines).
    raise NotImplementedError
