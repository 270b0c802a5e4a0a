"""ch07 · ex08 — loading the real CIFAR-10 with torchvision.

Goal: `cifar10_sets(root)` returns `(train_set, test_set)`, the two halves of CIFAR-10 read
by `torchvision.datasets.CIFAR10` from the data set's Python version in
`root/cifar-10-batches-py/`, without downloading anything (`download=False`). Every image of
both sets comes out as the tutorial prepares it: `ToTensor()` (a float32 `(3, 32, 32)`
tensor in [0, 1]) then `Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))` (into [-1, 1]), as in
ex06. The training set holds 50 000 images, the test set 10 000.
目标：`cifar10_sets(root)` 返回 `(train_set, test_set)`，即用 `torchvision.datasets.CIFAR10`
从 `root/cifar-10-batches-py/`（数据集的 Python 版本）读出的 CIFAR-10 的两部分，不下载任何东西
（`download=False`）。两个数据集里的每张图片都按教程的方式处理：先 `ToTensor()`（得到 [0, 1]
之间、float32、形状为 `(3, 32, 32)` 的张量），再 `Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))`
（变到 [-1, 1]），和 ex06 一样。训练集有 50 000 张图片，测试集有 10 000 张。

The course cannot ship CIFAR-10 (and nothing can be downloaded while grading), so this kata
is graded only where the data set is: put the folder `cifar-10-batches-py/` (from
`cifar-10-python.tar.gz` on the CIFAR-10 page) into the course's `data/` folder. Without
it, `grade` reports the kata "skipped: optional dataset unavailable", and nothing is wrong.
课程没法附带 CIFAR-10（评分时也不能下载），所以只有在有数据集的机器上这道练习才会评分：把
`cifar-10-batches-py/` 文件夹（来自 CIFAR-10 网页上的 `cifar-10-python.tar.gz`）放进课程的
`data/` 文件夹。没有它时，`grade` 会把这道练习报告为"已跳过：可选数据集不可用"，这不是错误。

Example:
    >>> train_set, test_set = cifar10_sets("data")
    >>> len(train_set), len(test_set)
    (50000, 10000)
    >>> image, label = train_set[0]
    >>> image.shape, image.dtype, label
    (torch.Size([3, 32, 32]), torch.float32, 6)
    >>> train_set.classes[label]
    'frog'
"""

from torch.utils.data import Dataset
from torchvision import datasets, transforms


def cifar10_sets(root: str) -> tuple[Dataset, Dataset]:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    train_set = datasets.CIFAR10(root, download=False, transform=transform)
    test_set = datasets.CIFAR10(root, download=False, transform=transform)  # train defaults to True
    return train_set, test_set
