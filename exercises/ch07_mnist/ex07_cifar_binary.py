"""ch07 · ex07 — reading the CIFAR binary format.

Goal: read a file of CIFAR-10's binary version (`cifar-10-batches-bin/data_batch_1.bin` and
the like). Each record is 3 073 bytes: 1 label byte (0–9), then 3 072 pixel bytes, the
1 024 red values, then the 1 024 green, then the 1 024 blue, each plane a 32×32 image stored
row by row. A file holds any number of records, one after the other.
- `read_cifar_batch(path)` returns `(images, labels)`: `images` a uint8 tensor of shape
  `(N, 3, 32, 32)` (channels first, as PyTorch wants; pixel values 0–255), `labels` an
  int64 tensor of shape `(N,)` (the dtype `CrossEntropyLoss` wants).
- `to_display(image)` turns one `(3, H, W)` image into `(H, W, 3)`, the layout
  `plt.imshow` wants: move the channel axis with `permute`; `view` or `reshape` keeps the
  bytes in their order and scrambles the picture.
目标：读取 CIFAR-10 二进制版本的文件（`cifar-10-batches-bin/data_batch_1.bin` 等）。每条记录
3 073 个字节：先是 1 个标签字节（0–9），然后是 3 072 个像素字节：1 024 个红色值、1 024 个绿色值、
1 024 个蓝色值，每个平面都是按行存放的 32×32 图像。一个文件里可以有任意多条记录，首尾相接。
- `read_cifar_batch(path)` 返回 `(images, labels)`：`images` 是形状为 `(N, 3, 32, 32)` 的 uint8
  张量（通道在前，这是 PyTorch 的习惯；像素值 0–255），`labels` 是形状为 `(N,)` 的 int64 张量
  （`CrossEntropyLoss` 要求的 dtype）。
- `to_display(image)` 把一张 `(3, H, W)` 的图片变成 `plt.imshow` 需要的 `(H, W, 3)`：用 `permute`
  移动通道维；`view` 或 `reshape` 只会按原来的字节顺序重新切分，图片就乱了。

torchvision reads the real data set too, from its Python version (`cifar-10-batches-py/`,
pickled files, not these `.bin` files): `datasets.CIFAR10(root, train=True, download=False,
transform=transforms.ToTensor())` gives `(3, 32, 32)` float tensors, like ex06's pipeline.
It cannot be downloaded here, hence this kata's own small files.
torchvision 也能读取真正的数据集，不过读的是它的 Python 版本（`cifar-10-batches-py/` 下用 pickle
保存的文件，而不是这些 `.bin` 文件）：`datasets.CIFAR10(root, train=True, download=False,
transform=transforms.ToTensor())` 给出 `(3, 32, 32)` 的浮点张量，和 ex06 的流水线一样。这里没法
下载它，所以这个练习用的是测试自己写出的小文件。

Example:
    >>> images, labels = read_cifar_batch("cifar-10-batches-bin/data_batch_1.bin")
    >>> images.shape, images.dtype, labels.shape, labels.dtype
    (torch.Size([10000, 3, 32, 32]), torch.uint8, torch.Size([10000]), torch.int64)
    >>> to_display(images[0]).shape
    torch.Size([32, 32, 3])
"""

from pathlib import Path

import torch


def read_cifar_batch(path: str) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: read the bytes, one row of 1 + 3072 per record, split label and pixels (roughly 4 lines).
    raise NotImplementedError


def to_display(image: torch.Tensor) -> torch.Tensor:
    # TODO: (3, H, W) -> (H, W, 3) (1 line).
    raise NotImplementedError
