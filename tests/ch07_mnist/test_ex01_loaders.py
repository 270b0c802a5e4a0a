"""Hidden-reference tests for ch07 · ex01 — MNIST data loaders."""

import pytest
import torch

from grader.checks import check_equal, check_number, check_tensor, check_true, hint, say

MEAN, STD = 0.1307, 0.3081


def loaders_probe(mod, data_dir, batch_size):
    """In the worker: build the loaders and report sizes, the first batches, and one whole
    pass over the test loader (each image's pixel sum and its label, in the order given)."""
    train, test = mod.make_loaders(data_dir, batch_size)
    test_images, test_labels = next(iter(test))
    train_images, train_labels = next(iter(train))
    again = next(iter(train))[1]
    sums, labels = [], []
    for images, batch_labels in test:
        sums.append(images.reshape(len(images), -1).sum(dim=1))
        labels.append(batch_labels)
    return {
        "train_len": len(train.dataset),
        "test_len": len(test.dataset),
        "train_shape": tuple(train_images.shape),
        "train_dtype": train_images.dtype,
        "label_dtype": train_labels.dtype,
        "train_range": (train_images.min().item(), train_images.max().item()),
        "test_images": test_images,
        "test_labels": test_labels,
        "train_labels": [train_labels, again],
        "test_pass": (torch.cat(sums), torch.cat(labels)),
    }


@pytest.fixture(scope="module")
def got(kata, mnist_dir):
    return kata.probe(loaders_probe, mnist_dir, 32)


@pytest.fixture(scope="module")
def expected(ref, mnist_dir):
    _, test = ref.make_loaders(mnist_dir, 32)
    return next(iter(test))


@pytest.fixture(scope="module")
def expected_test_pass(ref, mnist_dir):
    """Every test image's pixel sum and its label, in the file's order, from the reference."""
    _, test = ref.make_loaders(mnist_dir, 1000)
    sums, labels = [], []
    for images, batch_labels in test:
        sums.append(images.reshape(len(images), -1).sum(dim=1))
        labels.append(batch_labels)
    return torch.cat(sums), torch.cat(labels)


def test_has_60000_training_and_10000_test_images(got):
    with hint("the training loader reads MNIST(..., train=True), the test loader MNIST(..., train=False)",
              "训练 loader 读取 MNIST(..., train=True)，测试 loader 读取 MNIST(..., train=False)"):
        check_equal(got["train_len"], 60000, "len(train_loader.dataset)")
        check_equal(got["test_len"], 10000, "len(test_loader.dataset)")


def test_batches_have_the_asked_size_and_dtypes(got):
    check_equal(got["train_shape"], (32, 1, 28, 28), say("the first training batch's shape (batch_size=32)",
                                                         "第一个训练 batch 的形状（batch_size=32）"))
    check_equal(got["train_dtype"], torch.float32, say("the images' dtype", "图像的 dtype"))
    check_equal(got["label_dtype"], torch.int64, say("the labels' dtype", "labels 的 dtype"))


def test_test_images_are_normalised_with_mnist_mean_and_std(got):
    images = got["test_images"]
    check_true(images.min().item() < -0.4,
               "test images look unnormalised (no negative values): add "
               "transforms.Normalize((0.1307,), (0.3081,)) after ToTensor()",
               "测试图像看起来没有归一化（没有负值）：请在 ToTensor() 之后加上 "
               "transforms.Normalize((0.1307,), (0.3081,))")
    with hint("ToTensor() then Normalize((0.1307,), (0.3081,)) maps a pixel p in [0, 1] to (p - 0.1307) / 0.3081",
              "先 ToTensor() 再 Normalize((0.1307,), (0.3081,))，会把 [0, 1] 中的像素 p 变成 (p - 0.1307) / 0.3081"):
        check_number(images.min().item(), (0 - MEAN) / STD,
                     say("the smallest value in the first test batch (a black pixel)",
                         "第一个测试 batch 中的最小值（黑色像素）"), atol=1e-4)
        check_number(images.max().item(), (1 - MEAN) / STD,
                     say("the largest value in the first test batch (a white pixel)",
                         "第一个测试 batch 中的最大值（白色像素）"), atol=1e-4)


def test_training_images_are_normalised_like_the_test_images(got):
    low, high = got["train_range"]
    with hint("the training set needs the same transform as the test set: ToTensor() then "
              "Normalize((0.1307,), (0.3081,))",
              "训练集要和测试集用同一个变换：先 ToTensor()，再 Normalize((0.1307,), (0.3081,))"):
        check_number(low, (0 - MEAN) / STD, say("the smallest value in the first training batch (a black pixel)",
                                                "第一个训练 batch 中的最小值（黑色像素）"), atol=1e-4)
        check_number(high, (1 - MEAN) / STD, say("the largest value in the first training batch (a white pixel)",
                                                 "第一个训练 batch 中的最大值（白色像素）"), atol=1e-4)


def test_test_set_keeps_its_order(got, expected):
    check_tensor(got["test_labels"], expected[1], say("the first test batch's labels (shuffle=False)",
                                                      "第一个测试 batch 的 labels（shuffle=False）"))
    check_tensor(got["test_images"], expected[0], say("the first test batch's images", "第一个测试 batch 的图像"))


def test_test_loader_gives_every_test_image_once_in_order(got, expected_test_pass):
    sums, labels = got["test_pass"]
    want_sums, want_labels = expected_test_pass
    with hint("one pass over test_loader must give all 10,000 test images, in the file's order: keep "
              "shuffle=False and drop_last=False, and use the test split",
              "遍历一次 test_loader 要得到全部 10,000 张测试图像，并且保持文件中的顺序：保持 shuffle=False、"
              "drop_last=False，并使用测试集"):
        check_equal(len(labels), len(want_labels), say("the number of images in one pass over test_loader",
                                                       "遍历一次 test_loader 得到的图像数"))
        check_tensor(labels, want_labels, say("the labels of one pass over test_loader",
                                              "遍历一次 test_loader 得到的 labels"))
        check_tensor(sums, want_sums, say("each test image's pixel sum, over one pass over test_loader",
                                          "遍历一次 test_loader 时每张测试图像的像素和"), atol=1e-3)


def test_training_set_is_shuffled(got, expected):
    first, again = got["train_labels"]
    check_true(not torch.equal(first, again),
               "two passes over train_loader start with the same batch: use shuffle=True",
               "两次遍历 train_loader，第一个 batch 完全相同：请设置 shuffle=True")
