"""ch07 · ex06 — a CIFAR-style LeNet, offline.

Goal: redo the PyTorch CIFAR-10 tutorial ("Training a classifier") without downloading
CIFAR-10. Its images are 3-channel 32×32 pictures; here the stand-in is the shipped MNIST,
made to look like them. These are still handwritten digits: the same network reaches about
98 % on them, but only about 60–65 % on real CIFAR-10 photos.

- `make_transform()`: the pipeline for one 28×28 grey MNIST image, `Pad(2)` (a 2-pixel black
  border: 32×32, LeNet-5's own input size, without stretching the digit, so not `Resize`),
  then 3 identical channels (`Grayscale(num_output_channels=3)`, or repeating the tensor),
  `ToTensor()`, and `Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))`, so every value is
  `(p - 0.5) / 0.5` in [-1, 1] (the border is -1). Result: a float32 `(3, 32, 32)` tensor.
- `unnormalise(img)`: undo that normalisation for display, `img / 2 + 0.5` (as the tutorial's
  `imshow` does), as a new tensor: the caller's `img` stays unchanged.
- `train_lenet(model, data_dir, progress=None)`: train `model` (a `LeNet()`, the tutorial's
  network from ch04 · ex05, given below) in place on the training split under `data_dir`:
  `datasets.MNIST(data_dir, train=True, download=False, transform=make_transform())` in a
  `DataLoader`, `CrossEntropyLoss`, an optimizer over `model.parameters()`, and the training
  loop. The grader then feeds `model` the 10 000 test images prepared by this same pipeline,
  in eval mode: at least 95 % must be right. (A first run on 1 000 images checks that every
  weight of `model` changes and stays finite, and that gradient tracking is still on
  afterwards.) The tutorial's `SGD(lr=0.001, momentum=0.9)` with batches of 4 gets there in
  one epoch; batches of 32 with `lr=0.01` are about three times faster. If `progress` is
  given, call `progress(epoch=..., epochs=..., batch=..., batches=..., loss=...)` now and
  then to see a progress bar.
目标：不下载 CIFAR-10，重做 PyTorch 官方 CIFAR-10 教程（“Training a classifier”）。CIFAR-10 的
图片是 3 通道、32×32 的彩色小图；这里用仓库自带的 MNIST 来代替，把它处理成同样的格式。注意，
这些仍然是手写数字：同一个网络在它们上面能到 98 % 左右，而在真正的 CIFAR-10 照片上只有
60–65 % 左右。

- `make_transform()`：处理一张 28×28 灰度 MNIST 图片的流水线：先 `Pad(2)`（四周补 2 像素的
  黑边，得到 LeNet-5 原本的输入尺寸 32×32，数字本身不被拉伸，所以不能用 `Resize`），再变成
  3 个相同的通道（`Grayscale(num_output_channels=3)`，或者对张量做 repeat），然后 `ToTensor()`，
  最后 `Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))`，每个值都变成 `(p - 0.5) / 0.5`，落在
  [-1, 1] 内（黑边是 -1）。结果是 float32、形状为 `(3, 32, 32)` 的张量。
- `unnormalise(img)`：为了显示图片，撤销上面的归一化：`img / 2 + 0.5`（和教程里 `imshow`
  的写法一样），返回新张量，不能修改调用者传入的 `img`。
- `train_lenet(model, data_dir, progress=None)`：用 `data_dir` 下的训练集原地训练 `model`
  （一个 `LeNet()`，即 ch04 · ex05 写过的教程网络，下面已经给出）：把
  `datasets.MNIST(data_dir, train=True, download=False, transform=make_transform())` 放进
  `DataLoader`，用 `CrossEntropyLoss` 和一个优化 `model.parameters()` 的优化器，写出训练循环。
  之后评分器会用同一条流水线处理 10 000 张测试图片，在 eval 模式下输入 `model`，准确率至少
  要 95 %。（评分器会先在 1 000 张图片上试跑一次，检查 `model` 的每个权重都有变化、保持有限值，
  并且结束后梯度计算仍然打开。）教程里的 `SGD(lr=0.001, momentum=0.9)` 配合每批 4 张图片，
  训练一个 epoch 就够了；改成每批 32 张、`lr=0.01`，速度大约快三倍。如果传入了 `progress`，
  就时不时调用 `progress(epoch=..., epochs=..., batch=..., batches=..., loss=...)`，终端会显示
  进度条。

Example:
    >>> image, label = datasets.MNIST("data", train=True, transform=make_transform())[0]
    >>> image.shape, image[:, 0, 0]
    (torch.Size([3, 32, 32]), tensor([-1., -1., -1.]))
    >>> unnormalise(image)[:, 0, 0]
    tensor([0., 0., 0.])
    >>> model = LeNet()
    >>> train_lenet(model, "data")  # about a minute on a CPU
"""

from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_transform() -> transforms.Compose:
    # TODO: Pad, three channels, ToTensor, Normalize with three means and stds (roughly 6 lines).
    raise NotImplementedError


def unnormalise(img: torch.Tensor) -> torch.Tensor:
    # TODO: undo Normalize(0.5, 0.5) (1 line).
    raise NotImplementedError


class LeNet(nn.Module):
    """The PyTorch CIFAR-10 tutorial's network (ch04 · ex05), given: (B, 3, 32, 32) -> (B, 10) logits."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)  # (B, 3, 32, 32) -> (B, 6, 28, 28)
        self.pool = nn.MaxPool2d(2, 2)  # halves height and width
        self.conv2 = nn.Conv2d(6, 16, 5)  # (B, 6, 14, 14) -> (B, 16, 10, 10)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))  # (B, 16, 5, 5)
        x = torch.flatten(x, 1)  # (B, 400)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)  # logits


def train_lenet(model: nn.Module, data_dir: str, progress: Callable[..., None] | None = None) -> None:
    # TODO: the training set with make_transform() in a DataLoader, a loss, an optimizer for
    # model.parameters(), then the training loop (roughly 12 lines).
    raise NotImplementedError
