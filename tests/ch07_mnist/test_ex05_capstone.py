"""Hidden-reference tests for ch07 · ex05 — capstone: train MNIST to at least 95 %.

The learner's `train_mnist` runs in the worker within the kata's time budget, and sees only
MNIST's training split (`data = "train"` in the manifest: its data folder holds the training
files, and ten blank images in place of the test split). Only once training has returned
does the judge send the 10 000 official test images, never their labels, in a second call;
the worker sends back the model's predicted labels, and the judge computes the accuracy.
"""

import time

import torch

from grader.checks import check_equal, check_true, say
from grader.data import read_idx

PASS = 0.95
CHANCE = 0.3  # below this the model has learned next to nothing
MODEL = "__kata_trained_model__"  # where the worker keeps the model between the two calls


def train_probe(mod, data_dir):
    """In the worker: train, keep the model for `predict_probe`, say whether it is a module."""
    from grader.sandbox.worker import emit

    torch.set_num_threads(1)  # small MNIST models run as fast on one thread, and never stall on a busy CPU
    model = mod.train_mnist(data_dir, progress=lambda **event: emit(**event))
    setattr(mod, MODEL, model)
    return isinstance(model, torch.nn.Module)


def predict_probe(mod, images):
    """In the worker: the trained model's labels for `images` (N, 28, 28) uint8, prepared with
    the standard transform, in eval mode."""
    model = getattr(mod, MODEL)
    x = ((images.float() / 255 - 0.1307) / 0.3081).unsqueeze(1)
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i : i + 1000]).argmax(dim=1) for i in range(0, len(x), 1000)])


def test_reaches_95_percent_on_the_official_test_set(kata, mnist_dir, mnist_train_dir, record_property):
    start = time.perf_counter()
    is_module = kata.probe(train_probe, mnist_train_dir)
    record_property("train_seconds", time.perf_counter() - start)
    check_true(is_module, "train_mnist must return the trained model, an nn.Module",
               "train_mnist 必须返回训练好的模型（一个 nn.Module）")
    images = read_idx(mnist_dir, "t10k-images-idx3-ubyte", 16).reshape(10000, 28, 28)
    predictions = kata.probe(predict_probe, images)
    labels = read_idx(mnist_dir, "t10k-labels-idx1-ubyte", 8).long()
    check_true(isinstance(predictions, torch.Tensor), "the model's predictions did not come back as a tensor",
               "模型的预测结果传回来时不是张量")
    check_equal(tuple(predictions.shape), (10000,), say("the shape of the predictions (argmax of the logits)",
                                                        "预测结果（logits 的 argmax）的形状"))
    accuracy = (predictions.long() == labels).float().mean().item()
    record_property("accuracy", accuracy)
    check_true(accuracy >= CHANCE, f"test accuracy is {accuracy:.2%}, close to guessing: the model has not learned. "
               "Check that optimizer.step() follows loss.backward(), and that it learns from the training split "
               "(train=True; here the test split holds ten blank images).",
               f"测试准确率为 {accuracy:.2%}，和瞎猜差不多：模型什么也没学到。检查 loss.backward() 之后有没有调用 "
               "optimizer.step()，以及是否用训练集（train=True）来学习（这里的测试集只有十张空白图片）。")
    check_true(accuracy >= PASS, f"test accuracy is {accuracy:.2%}; at least {PASS:.0%} is needed. "
               "Train longer, or try a higher learning rate or a small CNN.",
               f"测试准确率为 {accuracy:.2%}；至少需要 {PASS:.0%}。可以多训练一会儿，或者试试更大的学习率、"
               "或一个小型 CNN。")
