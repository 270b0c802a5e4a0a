"""Hidden-reference tests for ch07 · ex08 — loading the real CIFAR-10 with torchvision.

CIFAR-10 is not shipped: without `data/cifar-10-batches-py/` the `cifar10_dir` fixture skips
every test as "optional dataset unavailable", which is expected, like a CUDA kata without a
GPU. With it, the judge reads the files itself (`grader.data.read_cifar10`) and compares the
items the learner's sets give (first, last and one in the middle of each split) with them.
In the worker, torchvision's md5 check of the files is replaced: the judge compares every
item it looks at, and a learner's `download=True` is recorded instead of run.
"""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, hint, say
from grader.data import read_cifar10


def sets_probe(mod, root, picks):
    """In the worker: the two sets' sizes, the items at `picks`, and whether anything tried to download."""
    from torchvision.datasets import cifar

    downloads = []
    cifar.check_integrity = lambda *args, **kwargs: True
    cifar.CIFAR10.download = lambda self: downloads.append("download")
    train_set, test_set = mod.cifar10_sets(root)
    items = {}
    for split, dataset in (("train", train_set), ("test", test_set)):
        for index in (i for i in picks[split] if i < len(dataset)):
            image, label = dataset[index]
            items[f"{split}[{index}]"] = {"type": type(image).__name__,
                                          "image": image if isinstance(image, torch.Tensor) else None,
                                          "label": label}
    return {"lengths": (len(train_set), len(test_set)), "items": items, "downloads": len(downloads)}


@pytest.fixture(scope="module")
def data(cifar10_dir):
    return {"train": read_cifar10(cifar10_dir, train=True), "test": read_cifar10(cifar10_dir, train=False)}


@pytest.fixture(scope="module")
def picks(data):
    return {split: sorted({0, len(labels) // 2, len(labels) - 1}) for split, (_, labels) in data.items()}


@pytest.fixture(scope="module")
def got(kata, cifar10_dir, picks):
    return kata.probe(sets_probe, cifar10_dir, picks)


def test_the_two_sets_are_the_training_and_test_splits(got, data):
    sizes = (len(data["train"][1]), len(data["test"][1]))
    with hint("the training set is CIFAR10(root, train=True, ...), the test set CIFAR10(root, train=False, ...)",
              "训练集是 CIFAR10(root, train=True, ...)，测试集是 CIFAR10(root, train=False, ...)"):
        check_equal(tuple(got["lengths"]), sizes, say("(len(train_set), len(test_set))",
                                                      "(len(train_set), len(test_set))"))


def test_nothing_is_downloaded(got):
    check_true(got["downloads"] == 0,
               "CIFAR10 was asked to download (download=True): the data is already on disk, and grading has no "
               "network; pass download=False",
               "调用 CIFAR10 时要求了下载（download=True）：数据已经在磁盘上，评分时也没有网络；请传 download=False")


@pytest.mark.parametrize("split", ["train", "test"])
def test_every_image_is_a_normalised_tensor(got, data, picks, split):
    images, labels = data[split]
    for index in picks[split]:
        what = f"{split}_set[{index}]"
        held = got["lengths"][split == "test"]
        check_true(f"{split}[{index}]" in got["items"], f"{split}_set has no item {index}: it holds {held} images, "
                   f"not {len(labels)}", f"{split}_set 没有第 {index} 项：它有 {held} 张图片，而不是 {len(labels)} 张")
        item = got["items"][f"{split}[{index}]"]
        with hint("give CIFAR10 transform=transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.5, "
                  "0.5), (0.5, 0.5, 0.5))]), for the training set and the test set alike",
                  "给 CIFAR10 传 transform=transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.5, "
                  "0.5), (0.5, 0.5, 0.5))])，训练集和测试集都要用"):
            check_true(item["image"] is not None,
                       f"the image of {what} must be a tensor (got {item['type']}): the transform turns it into one",
                       f"{what} 的图片必须是张量（实际是 {item['type']}）：由 transform 把它变成张量")
            image = item["image"]
            check_equal(image.dtype, torch.float32, say(f"the image of {what}: its dtype", f"{what} 图片的 dtype"))
            check_equal(tuple(image.shape), (3, 32, 32), say(f"the image of {what}: its shape", f"{what} 图片的形状"))
            low, high = image.min().item(), image.max().item()
            check_true(-1 - 1e-5 <= low and high <= 1 + 1e-5,
                       f"the pixels of {what} must lie in [-1, 1] (got {low:.4g} to {high:.4g}): the tutorial "
                       "normalises with mean 0.5 and std 0.5 in every channel",
                       f"{what} 的像素必须在 [-1, 1] 之间（实际是 {low:.4g} 到 {high:.4g}）："
                       "教程在每个通道上都用均值 0.5、标准差 0.5 做归一化")
            want = (images[index].float() / 255 - 0.5) / 0.5
            check_tensor(image, want, say(f"the image of {what} (pixels in [-1, 1])",
                                          f"{what} 的图片（像素在 [-1, 1] 之间）"), atol=1e-5)
        label = item["label"]
        check_true(isinstance(label, int) or (isinstance(label, torch.Tensor) and label.numel() == 1),
                   f"the label of {what} must be an int (got {type(label).__name__})",
                   f"{what} 的标签必须是 int（实际是 {type(label).__name__}）")
        check_equal(int(label), int(labels[index]), say(f"the label of {what}", f"{what} 的标签"))
