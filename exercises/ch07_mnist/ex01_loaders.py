"""ch07 · ex01 — MNIST data loaders.

Goal: build the training and test `DataLoader`s for MNIST stored under `data_dir`
(torchvision layout: `data_dir/MNIST/raw/`). Every image goes through the standard
transform: `ToTensor()` (pixels to floats in [0, 1]) then `Normalize((0.1307,), (0.3081,))`
(MNIST's mean and std). Both loaders give batches of `batch_size` images. Shuffle the
training set; keep the test set in order, with every test image (no `drop_last`).
目标：为 `data_dir` 下的 MNIST（torchvision 的目录结构 `data_dir/MNIST/raw/`）构建训练集和
测试集的 `DataLoader`。每张图片都经过标准变换：先 `ToTensor()`（像素变成 [0, 1] 的浮点数），
再 `Normalize((0.1307,), (0.3081,))`（MNIST 的均值和标准差）。两个 loader 每批都是 `batch_size`
张图像。训练集要打乱；测试集保持顺序，并且包含每一张测试图像（不要 `drop_last`）。

The data is already on disk: use `download=False`.
数据已经在磁盘上：请用 `download=False`。

Example:
    >>> train_loader, test_loader = make_loaders("data", batch_size=64)
    >>> images, labels = next(iter(train_loader))
    >>> images.shape, labels.shape
    (torch.Size([64, 1, 28, 28]), torch.Size([64]))
"""

from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_loaders(data_dir: str, batch_size: int = 64) -> tuple[DataLoader, DataLoader]:
    # TODO: a transform, two MNIST datasets (train=True/False), two DataLoaders (roughly 6 lines).
    raise NotImplementedError
