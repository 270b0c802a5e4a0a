"""Hidden-reference tests for ch07 · ex01 — MNIST data loaders."""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, say


def loaders_probe(mod, data_dir, batch_size):
    """In the worker: build the loaders and report sizes and the first batches."""
    train, test = mod.make_loaders(data_dir, batch_size)
    test_images, test_labels = next(iter(test))
    train_images, train_labels = next(iter(train))
    again = next(iter(train))[1]
    return {
        "train_len": len(train.dataset),
        "test_len": len(test.dataset),
        "train_shape": tuple(train_images.shape),
        "train_dtype": train_images.dtype,
        "label_dtype": train_labels.dtype,
        "test_images": test_images,
        "test_labels": test_labels,
        "train_labels": [train_labels, again],
    }


@pytest.fixture(scope="module")
def got(kata, mnist_dir):
    return kata.probe(loaders_probe, mnist_dir, 32)


@pytest.fixture(scope="module")
def expected(ref, mnist_dir):
    _, test = ref.make_loaders(mnist_dir, 32)
    return next(iter(test))


def test_has_60000_training_and_10000_test_images(got):
    check_equal(got["train_len"], 60000, "len(train_loader.dataset)")
    check_equal(got["test_len"], 10000, "len(test_loader.dataset)")


def test_batches_have_the_asked_size_and_dtypes(got):
    check_equal(got["train_shape"], (32, 1, 28, 28), say("the first training batch's shape (batch_size=32)",
                                                         "第一个训练 batch 的形状（batch_size=32）"))
    check_equal(got["train_dtype"], torch.float32, say("the images' dtype", "图像的 dtype"))
    check_equal(got["label_dtype"], torch.int64, say("the labels' dtype", "labels 的 dtype"))


def test_images_are_normalised_with_mnist_mean_and_std(got, expected):
    images = got["test_images"]
    check_true(images.min().item() < -0.4,
               "test images look unnormalised (no negative values): add "
               "transforms.Normalize((0.1307,), (0.3081,)) after ToTensor()",
               "测试图像看起来没有归一化（没有负值）：请在 ToTensor() 之后加上 "
               "transforms.Normalize((0.1307,), (0.3081,))")
    check_tensor(images, expected[0], say("the first test batch's images", "第一个测试 batch 的图像"))


def test_test_set_keeps_its_order(got, expected):
    check_tensor(got["test_labels"], expected[1], say("the first test batch's labels (shuffle=False)",
                                                      "第一个测试 batch 的 labels（shuffle=False）"))


def test_training_set_is_shuffled(got, expected):
    first, again = got["train_labels"]
    check_true(not torch.equal(first, again),
               "two passes over train_loader start with the same batch: use shuffle=True",
               "两次遍历 train_loader，第一个 batch 完全相同：请设置 shuffle=True")

