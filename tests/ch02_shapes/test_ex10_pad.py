"""Hidden-reference tests for ch02 · ex10 — padding with F.pad."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, check_true, hint, say


def seqs_after_pad_sequences(mod, seqs):
    """In the worker: call pad_sequences and send the list back as it is afterwards."""
    mod.pad_sequences(seqs)
    return seqs


def test_pad_image_puts_each_border_on_its_side(kata):
    img = torch.ones(1, 2, 2)
    expected = torch.tensor([[[0.0, 0.0, 0.0, 0.0, 0.0],
                              [0.0, 1.0, 1.0, 0.0, 0.0],
                              [0.0, 1.0, 1.0, 0.0, 0.0],
                              [0.0, 0.0, 0.0, 0.0, 0.0],
                              [0.0, 0.0, 0.0, 0.0, 0.0]]])
    check_tensor(kata.pad_image(img, 1, 2, 1, 2), expected,
                 "pad_image(ones(1, 2, 2), top=1, bottom=2, left=1, right=2)")


@pytest.mark.parametrize("pads", [(1, 0, 2, 3), (0, 2, 0, 1), (3, 1, 0, 0), (2, 2, 2, 2)])
def test_pad_image_matches_reference(kata, ref, pads):
    img = probes.randn(3, 4, 5, seed=sum(pads))
    top, bottom, left, right = pads
    check_tensor(kata.pad_image(img, *pads), ref.pad_image(img, *pads),
                 say(f"pad_image(img of shape (3, 4, 5), top={top}, bottom={bottom}, left={left}, right={right})",
                     f"pad_image(形状为 (3, 4, 5) 的 img, top={top}, bottom={bottom}, left={left}, right={right})"))


def test_pad_image_fills_with_value(kata, ref):
    img = probes.randn(2, 3, 4, seed=9)
    check_tensor(kata.pad_image(img, 1, 1, 2, 0, -1.0), ref.pad_image(img, 1, 1, 2, 0, -1.0),
                 "pad_image(img, top=1, bottom=1, left=2, right=0, value=-1.0)")


def test_pad_image_keeps_float64(kata, ref):
    img = probes.randn(2, 3, 4, seed=10).double()
    check_tensor(kata.pad_image(img, 1, 0, 0, 2, 0.5), ref.pad_image(img, 1, 0, 0, 2, 0.5),
                 say("pad_image(img, top=1, bottom=0, left=0, right=2, value=0.5) with a float64 img",
                     "pad_image(img, top=1, bottom=0, left=0, right=2, value=0.5)（img 为 float64）"))


def test_pad_image_without_padding_is_the_image(kata):
    img = probes.randn(3, 2, 5, seed=4)
    check_tensor(kata.pad_image(img, 0, 0, 0, 0), img, "pad_image(img, 0, 0, 0, 0)")


@pytest.mark.parametrize("lengths, d", [((2, 4, 3), 5), ((1, 1), 3), ((6, 2, 2, 5), 2)])
def test_pad_sequences_matches_reference(kata, ref, lengths, d):
    seqs = [probes.randn(n, d, seed=i) for i, n in enumerate(lengths)]
    check_tensor(kata.pad_sequences(seqs), ref.pad_sequences(seqs),
                 say(f"pad_sequences(sequences of shapes {[(n, d) for n in lengths]})",
                     f"pad_sequences(形状依次为 {[(n, d) for n in lengths]} 的序列)"))


def test_pad_sequences_adds_zeros_at_the_end(kata):
    seqs = [torch.ones(1, 2), torch.full((3, 2), 2.0)]
    expected = torch.tensor([[[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]],
                             [[2.0, 2.0], [2.0, 2.0], [2.0, 2.0]]])
    check_tensor(kata.pad_sequences(seqs), expected, "pad_sequences([ones(1, 2), full((3, 2), 2.0)])")


def test_pad_sequences_when_the_feature_size_equals_the_length(kata, ref):
    seqs = [probes.randn(3, 3, seed=1), probes.randn(1, 3, seed=2)]
    check_tensor(kata.pad_sequences(seqs), ref.pad_sequences(seqs),
                 say("pad_sequences(sequences of shapes [(3, 3), (1, 3)])",
                     "pad_sequences(形状依次为 [(3, 3), (1, 3)] 的序列)"))


def test_pad_sequences_keeps_float64(kata, ref):
    seqs = [probes.randn(2, 3, seed=3).double(), probes.randn(4, 3, seed=4).double()]
    check_tensor(kata.pad_sequences(seqs), ref.pad_sequences(seqs),
                 say("pad_sequences(sequences of shapes [(2, 3), (4, 3)]) with float64 sequences",
                     "pad_sequences(形状依次为 [(2, 3), (4, 3)] 的序列)（序列为 float64）"))


def test_pad_sequences_leaves_the_list_as_it_was(kata):
    seqs = [probes.randn(2, 3, seed=5), probes.randn(4, 3, seed=6), probes.randn(1, 3, seed=7)]
    after = kata.probe(seqs_after_pad_sequences, seqs)
    with hint("pad into a new list: seqs[i] = ... replaces the caller's sequences with padded ones",
              "请把填充后的序列放进一个新列表：seqs[i] = ... 会把调用者列表里的序列替换成填充后的序列"):
        check_true(isinstance(after, list) and len(after) == len(seqs),
                   f"seqs after pad_sequences(seqs) must be a list of {len(seqs)} sequences (got {after!r:.60})",
                   f"执行 pad_sequences(seqs) 之后，seqs 应为包含 {len(seqs)} 条序列的列表（实际为 {after!r:.60}）")
        for i, (got, want) in enumerate(zip(after, seqs, strict=True)):
            check_tensor(got, want, say(f"seqs[{i}] after pad_sequences(seqs)",
                                        f"执行 pad_sequences(seqs) 之后的 seqs[{i}]"))
