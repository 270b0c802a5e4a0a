"""ch06 · ex08 — train and test transforms, augmentation.

Goal:
- `ImageDataset(images, labels, transform=None)`: `images` is a uint8 tensor (N, H, W, 3),
  `labels` an int64 tensor (N,). `len(ds)` is N, and `ds[i]` is (transform(image), label):
  the i-th picture as a PIL RGB image, passed through `transform` at *every* access (so a
  random augmentation gives a new version each epoch), and the label a Python int. With
  `transform=None`, `ds[i]` is (the PIL image, label), as in torchvision's datasets.
- `make_transforms(size)` returns (train_transform, test_transform) for PIL images of
  size (H, W) = `size`:
  - train: random geometric augmentation that keeps the size and the colours (a
    `RandomCrop(size, padding=4)`, and/or a `RandomRotation(degrees)`, and if you like a
    `RandomHorizontalFlip()`), then `ToTensor()` and `Normalize(MEAN, STD)`;
  - test: only `ToTensor()` and `Normalize(MEAN, STD)`, with the *same* statistics. The
    test set is never augmented: evaluation must give the same answer every time.
Both give a float32 tensor (3, H, W). Normalize works on tensors, so it comes after ToTensor.
目标：
- `ImageDataset(images, labels, transform=None)`：`images` 是 uint8 张量 (N, H, W, 3)，
  `labels` 是 int64 张量 (N,)。`len(ds)` 为 N，`ds[i]` 返回 (transform(image), label)：
  第 i 张图转成的 PIL RGB 图像，*每次*取样本时都经过 `transform`（这样随机增强在每个
  epoch 都会生成新的版本），标签为 Python int。`transform=None` 时，`ds[i]` 返回
  (PIL 图像, label)，和 torchvision 自带的数据集一致。
- `make_transforms(size)` 返回 (train_transform, test_transform)，用于尺寸为
  (H, W) = `size` 的 PIL 图像：
  - 训练：先做不改变尺寸和颜色的随机几何增强（`RandomCrop(size, padding=4)` 和/或
    `RandomRotation(degrees)`，也可以再加 `RandomHorizontalFlip()`），再接 `ToTensor()`
    和 `Normalize(MEAN, STD)`；
  - 测试：只有 `ToTensor()` 和 `Normalize(MEAN, STD)`，统计量与训练*完全相同*。测试集
    不做增强：每次评估的结果都应当一样。
两者都输出 float32 张量 (3, H, W)。Normalize 只能处理张量，所以要放在 ToTensor 之后。

Example:
    >>> train_tf, test_tf = make_transforms((24, 20))
    >>> ds = ImageDataset(images, labels, transform=train_tf)   # images: (N, 24, 20, 3) uint8
    >>> x, y = ds[0]
    >>> x.shape, x.dtype, type(y)
    (torch.Size([3, 24, 20]), torch.float32, <class 'int'>)
    >>> torch.equal(ds[0][0], ds[0][0])   # a new random crop at each access
    False
"""

import torch
from PIL import Image  # noqa: F401 (for the code you write)
from torch.utils.data import Dataset
from torchvision import transforms

MEAN = (0.4914, 0.4822, 0.4465)  # per-channel statistics of the training images
STD = (0.2470, 0.2435, 0.2616)


class ImageDataset(Dataset):
    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform=None) -> None:
        # images: (N, H, W, 3) uint8, labels: (N,) int64
        # TODO: keep the images, the labels and the transform (roughly 3 lines).
        raise NotImplementedError

    def __len__(self) -> int:
        # TODO: the number of images (roughly 1 line).
        raise NotImplementedError

    def __getitem__(self, index: int):
        # returns (transform(PIL RGB image), label: int)
        # TODO: make the PIL image, apply the transform here, at every access (roughly 4 lines).
        raise NotImplementedError


def make_transforms(size: tuple[int, int]) -> tuple[transforms.Compose, transforms.Compose]:
    # size: (H, W) of the images
    # returns (train_transform, test_transform)
    # TODO: a random augmentation for training only, the same ToTensor + Normalize for both
    # (roughly 10 lines).
    raise NotImplementedError
