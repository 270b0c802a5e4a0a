"""Hidden-reference tests for ch06 · ex01 — a TensorDataset from NumPy arrays."""

import numpy as np
import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, say


def arrays(n, f, feature_dtype="float64", label_dtype="int32", seed=0):
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(n, f)).astype(feature_dtype)
    labels = rng.integers(0, 10, size=n).astype(label_dtype)
    return features, labels


def kind_probe(mod, features, labels):
    """In the worker: the type of the returned dataset."""
    from torch.utils.data import TensorDataset

    ds = mod.to_tensor_dataset(features, labels)
    return {"type": type(ds).__name__, "is_tensor_dataset": isinstance(ds, TensorDataset)}


def length_probe(mod, features, labels):
    return len(mod.to_tensor_dataset(features, labels))


def items_probe(mod, features, labels, indices):
    """In the worker: ds[i] for each index, as lists of (x, y)."""
    ds = mod.to_tensor_dataset(features, labels)
    return [tuple(ds[i]) for i in indices]


def batch_probe(mod, features, labels, batch_size):
    """In the worker: the first batch a DataLoader makes from the dataset."""
    from torch.utils.data import DataLoader

    x, y = next(iter(DataLoader(mod.to_tensor_dataset(features, labels), batch_size=batch_size)))
    return x, y


def test_returns_a_tensor_dataset(kata):
    features, labels = arrays(6, 3)
    got = kata.probe(kind_probe, features, labels)
    check_true(got["is_tensor_dataset"],
               f"to_tensor_dataset(features, labels) must return a torch.utils.data.TensorDataset "
               f"(got {got['type']})",
               f"to_tensor_dataset(features, labels) 必须返回 torch.utils.data.TensorDataset（实际得到 {got['type']}）")


@pytest.mark.parametrize("n,f", [(7, 3), (4, 11)])
def test_length_is_the_number_of_rows(kata, n, f):
    features, labels = arrays(n, f)
    check_equal(kata.probe(length_probe, features, labels), n,
                say(f"len(to_tensor_dataset(features, labels)) with features of shape {(n, f)}",
                    f"features 形状为 {(n, f)} 时的 len(to_tensor_dataset(features, labels))"))


@pytest.mark.parametrize("feature_dtype", ["float64", "float32", "float16"])
def test_features_become_float32(kata, ref, feature_dtype):
    features, labels = arrays(5, 4, feature_dtype=feature_dtype, seed=1)
    got = kata.probe(items_probe, features, labels, [0, 3])
    expected = [tuple(ref.to_tensor_dataset(features, labels)[i]) for i in (0, 3)]
    for i, (g, e) in zip((0, 3), zip(got, expected, strict=True), strict=True):
        check_tensor(g[0], e[0], say(f"the features of ds[{i}] (from {feature_dtype} features)",
                                     f"ds[{i}] 的 features（由 {feature_dtype} 的 features 得来）"))


@pytest.mark.parametrize("label_dtype", ["int32", "int64", "uint8"])
def test_labels_become_int64(kata, ref, label_dtype):
    features, labels = arrays(5, 4, label_dtype=label_dtype, seed=2)
    got = kata.probe(items_probe, features, labels, [1, 4])
    expected = [tuple(ref.to_tensor_dataset(features, labels)[i]) for i in (1, 4)]
    for i, (g, e) in zip((1, 4), zip(got, expected, strict=True), strict=True):
        check_tensor(g[1], e[1], say(f"the label of ds[{i}] (from {label_dtype} labels)",
                                     f"ds[{i}] 的 label（由 {label_dtype} 的 labels 得来）"))


def test_every_item_is_its_row_and_label(kata, ref):
    features, labels = arrays(9, 6, seed=3)
    indices = list(range(9)) + [-1, -9]
    got = kata.probe(items_probe, features, labels, indices)
    expected = ref.to_tensor_dataset(features, labels)
    for i, item in zip(indices, got, strict=True):
        check_equal(len(item), 2, say(f"len(ds[{i}]), a (features, label) pair",
                                      f"len(ds[{i}])（应为一个 (features, label) 对）"))
        check_tensor(item[0], expected[i][0], f"ds[{i}][0]")
        check_tensor(item[1], expected[i][1], f"ds[{i}][1]")


def test_dataloader_batches_are_float32_and_int64(kata, ref):
    features, labels = arrays(10, 3, seed=4)
    x, y = kata.probe(batch_probe, features, labels, 4)
    check_tensor(x, torch.as_tensor(features[:4], dtype=torch.float32),
                 say("the first DataLoader batch's features", "DataLoader 第一个 batch 的 features"))
    check_tensor(y, torch.as_tensor(labels[:4], dtype=torch.int64),
                 say("the first DataLoader batch's labels", "DataLoader 第一个 batch 的 labels"))
