"""Hidden-reference tests for ch06 · ex07 — a collate_fn for variable-length sequences."""

import pytest
import torch

from grader.checks import check_equal, check_tensor, say


def make_batch(lengths, seed=0):
    """(tokens, label) pairs; token ids start at 1 so padding (0) is easy to tell apart."""
    g = torch.Generator().manual_seed(seed)
    return [(torch.randint(1, 50, (n,), generator=g), int(torch.randint(0, 4, (), generator=g)))
            for n in lengths]


def loader_probe(mod, samples, batch_size):
    """In the worker: every batch of DataLoader(samples, batch_size, collate_fn=pad_collate)."""
    from torch.utils.data import DataLoader

    return list(DataLoader(samples, batch_size=batch_size, collate_fn=mod.pad_collate))


def swap_pad_probe(mod, batch, pad_id):
    """In the worker: pad_collate with another PAD_ID (put back afterwards)."""
    saved, mod.PAD_ID = mod.PAD_ID, pad_id
    try:
        return mod.pad_collate(batch)
    finally:
        mod.PAD_ID = saved


def unpack(got, what):
    check_equal(type(got), tuple, say(f"the type of {what}", f"{what} 的类型"))
    check_equal(len(got), 3, say(f"the number of values {what} returns, (padded, lengths, labels)",
                                 f"{what} 返回值 (padded, lengths, labels) 的个数"))
    return got


@pytest.mark.parametrize("lengths", [[3, 5, 2], [1, 4, 4, 2, 6]])
def test_pads_to_the_longest_sequence_batch_first(kata, ref, lengths):
    batch = make_batch(lengths)
    padded, _, _ = unpack(kata.pad_collate(batch), "pad_collate(batch)")
    expected = ref.pad_collate(batch)[0]
    check_equal(tuple(padded.shape) if isinstance(padded, torch.Tensor) else padded, tuple(expected.shape),
                say(f"the shape of padded for lengths {lengths}, (batch, longest)",
                    f"长度为 {lengths} 时 padded 的形状 (batch, longest)"))


def test_padded_values_are_tokens_then_zeros(kata, ref):
    batch = make_batch([2, 5, 3, 1], seed=1)
    padded, _, _ = unpack(kata.pad_collate(batch), "pad_collate(batch)")
    check_tensor(padded, ref.pad_collate(batch)[0],
                 say("padded, from pad_collate(batch) for lengths [2, 5, 3, 1]",
                     "长度为 [2, 5, 3, 1] 时 pad_collate(batch) 返回的 padded"))


def test_pads_with_pad_id(kata, ref):
    batch = make_batch([4, 1, 2], seed=2)
    padded, _, _ = unpack(kata.probe(swap_pad_probe, batch, 99),
                          say("pad_collate(batch) with PAD_ID = 99", "PAD_ID = 99 时的 pad_collate(batch)"))
    ref.PAD_ID = 99
    try:
        expected = ref.pad_collate(batch)[0]
    finally:
        ref.PAD_ID = 0
    check_tensor(padded, expected, say("padded, from pad_collate(batch) with PAD_ID = 99",
                                       "PAD_ID = 99 时 pad_collate(batch) 返回的 padded"))


def test_lengths_are_int64_lengths_before_padding(kata):
    lengths = [3, 7, 1, 4]
    _, got, _ = unpack(kata.pad_collate(make_batch(lengths, seed=3)), "pad_collate(batch)")
    check_tensor(got, torch.tensor(lengths, dtype=torch.int64),
                 say(f"lengths, from pad_collate(batch) for sequences of lengths {lengths}",
                     f"序列长度为 {lengths} 时 pad_collate(batch) 返回的 lengths"))


def test_labels_are_an_int64_tensor(kata, ref):
    batch = make_batch([2, 3, 2], seed=4)
    _, _, got = unpack(kata.pad_collate(batch), "pad_collate(batch)")
    check_tensor(got, ref.pad_collate(batch)[2], say("labels, from pad_collate(batch)",
                                                     "pad_collate(batch) 返回的 labels"))


def test_each_loader_batch_is_padded_to_its_own_longest(kata, ref):
    samples = make_batch([2, 3, 1, 6, 2, 8, 1, 1], seed=5)
    got = kata.probe(loader_probe, samples, 3)
    expected = [ref.pad_collate(samples[i : i + 3]) for i in range(0, len(samples), 3)]
    check_equal(len(got), len(expected), say("the number of batches of DataLoader(8 samples, batch_size=3)",
                                             "DataLoader(8 个样本, batch_size=3) 的 batch 数"))
    for b, (g, e) in enumerate(zip(got, expected, strict=True)):
        g = unpack(g, say(f"batch {b} of the DataLoader", f"DataLoader 的 batch {b}"))
        for name, x, y in zip(("padded", "lengths", "labels"), g, e, strict=True):
            check_tensor(x, y, say(f"{name} in batch {b} of DataLoader(..., collate_fn=pad_collate)",
                                   f"DataLoader(..., collate_fn=pad_collate) 的 batch {b} 里的 {name}"))
