"""Hidden-reference tests for ch06 · ex06 — DataLoaders for training and validation.

The probe builds TensorDatasets whose labels are the sample indices (0, 1, 2, ...), so the
labels in each batch say which samples it holds.
"""

import torch
from torch.utils.data import TensorDataset

from grader.checks import check_equal, check_true, say

N_TRAIN, N_VAL, FEATURES = 23, 11, 5


def datasets(n_train, n_val):
    g = torch.Generator().manual_seed(0)
    train = TensorDataset(torch.randn(n_train, FEATURES, generator=g), torch.arange(n_train))
    val = TensorDataset(torch.randn(n_val, FEATURES, generator=g), torch.arange(n_val))
    return train, val


def epochs(loader, count):
    """For each epoch: a list of (x shape, labels as a list) per batch."""
    return [[(tuple(x.shape), y.tolist()) for x, y in loader] for _ in range(count)]


def epochs_probe(mod, n_train, n_val, batch_size, seed, count=1):
    """In the worker: `count` epochs of both loaders."""
    train_loader, val_loader = mod.make_loaders(*datasets(n_train, n_val), batch_size, seed)
    return {"train": epochs(train_loader, count), "val": epochs(val_loader, count)}


def interleaved_probe(mod, batch_size, seed, count=2):
    """In the worker: two training loaders made with the same seed, their epochs taken in turn,
    with other random draws in between (as a training loop makes)."""
    first, _ = mod.make_loaders(*datasets(N_TRAIN, N_VAL), batch_size, seed)
    second, _ = mod.make_loaders(*datasets(N_TRAIN, N_VAL), batch_size, seed)
    orders = {"first": [], "second": []}
    for _ in range(count):
        for name, loader in (("first", first), ("second", second)):
            torch.randn(3)
            orders[name].append([y.tolist() for _, y in loader])
    return orders


def global_state_probe(mod, batch_size, seed):
    """In the worker: the global random state before and after make_loaders."""
    torch.manual_seed(1234)
    torch.randn(5)
    before = torch.get_rng_state()
    mod.make_loaders(*datasets(N_TRAIN, N_VAL), batch_size, seed)
    return before, torch.get_rng_state()


def order(epoch):
    return [i for _, labels in epoch for i in labels]


def test_training_batches_all_have_batch_size_samples(kata):
    train = kata.probe(epochs_probe, N_TRAIN, N_VAL, 5, 0)["train"][0]
    check_equal([shape for shape, _ in train], [(5, FEATURES)] * 4,
                say(f"the x shapes of the training batches ({N_TRAIN} samples, batch_size=5, drop_last)",
                    f"训练 batch 的 x 形状（{N_TRAIN} 个样本，batch_size=5，drop_last）"))


def test_training_epoch_sees_each_kept_sample_once(kata):
    train = kata.probe(epochs_probe, N_TRAIN, N_VAL, 6, 1)["train"][0]
    seen = order(train)
    check_equal(len(seen), 18, say(f"the number of samples in one training epoch ({N_TRAIN} samples, "
                                   "batch_size=6, the last 5 dropped)",
                                   f"一个训练 epoch 里的样本数（{N_TRAIN} 个样本，batch_size=6，最后 5 个被丢弃）"))
    check_true(len(set(seen)) == len(seen), f"a training epoch must not repeat a sample (got {seen})",
               f"一个训练 epoch 里不能有重复的样本（实际为 {seen}）")


def test_training_order_is_shuffled(kata):
    seen = order(kata.probe(epochs_probe, N_TRAIN, N_VAL, 4, 2)["train"][0])
    check_true(seen != sorted(seen), f"the training loader must shuffle (got the samples in order: {seen})",
               f"训练 loader 必须打乱顺序（实际样本是按顺序来的：{seen}）")


def test_same_seed_gives_the_same_orders_whatever_runs_in_between(kata):
    got = kata.probe(interleaved_probe, 4, 3)
    for epoch, (first, second) in enumerate(zip(got["first"], got["second"], strict=True), start=1):
        check_equal(second, first, say(f"epoch {epoch} of a second training loader made with the same seed, "
                                       "other random numbers drawn in between (give the loader its own "
                                       "torch.Generator, not torch.manual_seed)",
                                       f"用同一个 seed 创建的第二个训练 loader 的第 {epoch} 个 epoch，"
                                       "中间还抽取了别的随机数（给 loader 一个它自己的 torch.Generator，"
                                       "而不是用 torch.manual_seed）"))


def test_leaves_the_global_random_state_alone(kata):
    before, after = kata.probe(global_state_probe, 4, 7)
    check_true(isinstance(after, torch.Tensor) and torch.equal(after, before),
               "make_loaders must leave the global random state as it was (it changed): shuffle with a "
               "generator of the loader's own instead of calling torch.manual_seed",
               "make_loaders 必须保持全局随机状态不变（它被改变了）：请用 DataLoader 自己的生成器来打乱，"
               "不要调用 torch.manual_seed")


def test_different_seeds_give_different_orders(kata):
    a = order(kata.probe(epochs_probe, N_TRAIN, N_VAL, 4, 10)["train"][0])
    b = order(kata.probe(epochs_probe, N_TRAIN, N_VAL, 4, 11)["train"][0])
    check_true(a != b, f"seed=10 and seed=11 must shuffle differently (both gave {a})",
               f"seed=10 和 seed=11 打乱的结果必须不同（两者都是 {a}）")


def test_each_epoch_has_a_new_order(kata):
    first, second = kata.probe(epochs_probe, N_TRAIN, N_VAL, 4, 5, 2)["train"]
    check_true(order(first) != order(second),
               f"the training loader must reshuffle every epoch (epochs 1 and 2 both gave {order(first)})",
               f"训练 loader 每个 epoch 都必须重新打乱（第 1 和第 2 个 epoch 都是 {order(first)}）")


def test_validation_keeps_every_sample_in_order(kata):
    val = kata.probe(epochs_probe, N_TRAIN, N_VAL, 4, 0)["val"][0]
    check_equal([labels for _, labels in val], [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10]],
                say(f"the sample indices in the validation batches ({N_VAL} samples, batch_size=4)",
                    f"验证 batch 里的样本索引（{N_VAL} 个样本，batch_size=4）"))


def test_validation_batch_shapes(kata):
    val = kata.probe(epochs_probe, N_TRAIN, N_VAL, 3, 0)["val"][0]
    check_equal([shape for shape, _ in val], [(3, FEATURES)] * 3 + [(2, FEATURES)],
                say(f"the x shapes of the validation batches ({N_VAL} samples, batch_size=3)",
                    f"验证 batch 的 x 形状（{N_VAL} 个样本，batch_size=3）"))
