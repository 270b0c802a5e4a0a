"""Hidden-reference tests for ch07 · ex05 — capstone: train MNIST to at least 95 %.

The learner's `train_mnist` runs in the worker within the kata's time budget; the worker
sends back only the model's predicted labels for the 10 000 official test images. The
judge reads the true labels from the data files itself and computes the accuracy.
"""

import gzip
import time
from pathlib import Path

import torch

from grader.checks import check_equal, check_true, say

PASS = 0.95


def capstone_probe(mod, data_dir):
    """In the worker: train, then predict the official test set in eval mode."""
    from torchvision import datasets

    from grader.sandbox.worker import emit

    model = mod.train_mnist(data_dir, progress=lambda **event: emit(**event))
    test = datasets.MNIST(data_dir, train=False, download=False)
    images = ((test.data.float() / 255 - 0.1307) / 0.3081).unsqueeze(1)  # the standard transform
    model.eval()
    with torch.no_grad():
        batches = [model(images[i : i + 1000]).argmax(dim=1) for i in range(0, len(images), 1000)]
    return torch.cat(batches)


def true_test_labels(data_dir):
    """The 10 000 test labels, read in the judge from the official idx file."""
    raw = Path(data_dir) / "MNIST" / "raw"
    path = raw / "t10k-labels-idx1-ubyte"
    data = path.read_bytes() if path.exists() else gzip.open(str(path) + ".gz").read()
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def test_reaches_95_percent_on_the_official_test_set(kata, mnist_dir, record_property):
    start = time.perf_counter()
    predictions = kata.probe(capstone_probe, mnist_dir)
    record_property("train_seconds", time.perf_counter() - start)
    labels = true_test_labels(mnist_dir)
    check_true(isinstance(predictions, torch.Tensor), "the model's predictions did not come back as a tensor",
               "模型的预测结果传回来时不是张量")
    check_equal(tuple(predictions.shape), (10000,), say("the shape of the predictions (argmax of the logits)",
                                                        "预测结果（logits 的 argmax）的形状"))
    accuracy = (predictions.long() == labels).float().mean().item()
    record_property("accuracy", accuracy)
    check_true(accuracy >= PASS, f"test accuracy is {accuracy:.2%}; at least {PASS:.0%} is needed. "
               "Train longer, or try a higher learning rate or a small CNN.",
               f"测试准确率为 {accuracy:.2%}；至少需要 {PASS:.0%}。可以多训练一会儿，或者试试更大的学习率、"
               "或一个小型 CNN。")
