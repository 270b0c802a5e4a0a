"""Hidden-reference tests for ch02 · ex09 — cat or stack?"""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, say


@pytest.mark.parametrize("sizes", [(4, 4), (2, 3, 1), (1, 5, 2, 3)])
def test_join_batches_puts_the_rows_one_after_another(kata, ref, sizes):
    batches = [probes.randn(s, 5, seed=i) for i, s in enumerate(sizes)]
    check_tensor(kata.join_batches(batches), ref.join_batches(batches),
                 say(f"join_batches(batches of shapes {[(s, 5) for s in sizes]})",
                     f"join_batches(形状依次为 {[(s, 5) for s in sizes]} 的 batches)"))


def test_join_batches_of_one_batch_is_that_batch(kata):
    batch = probes.randn(3, 4, seed=7)
    check_tensor(kata.join_batches([batch]), batch,
                 say("join_batches([batch of shape (3, 4)])", "join_batches([形状为 (3, 4) 的批])"))


@pytest.mark.parametrize("t, h, w", [(3, 4, 6), (5, 2, 3), (1, 3, 3)])
def test_stack_frames_adds_a_time_dim(kata, ref, t, h, w):
    frames = [probes.randn(h, w, seed=i) for i in range(t)]
    check_tensor(kata.stack_frames(frames), ref.stack_frames(frames),
                 say(f"stack_frames({t} frames of shape ({h}, {w}))", f"stack_frames({t} 个形状为 ({h}, {w}) 的帧)"))


def test_stack_frames_keeps_each_frame_whole(kata):
    frames = [torch.full((2, 3), float(i)) for i in range(4)]
    expected = torch.arange(4.0)[:, None, None].expand(4, 2, 3)  # clip[t] is frame t
    check_tensor(kata.stack_frames(frames), expected,
                 "stack_frames([full((2, 3), 0.0), full((2, 3), 1.0), ...])")


def test_side_by_side_of_two_images_of_the_same_size(kata):
    left, right = torch.zeros(3, 3), torch.ones(3, 3)
    expected = torch.tensor([[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]] * 3)
    check_tensor(kata.side_by_side(left, right), expected, "side_by_side(zeros(3, 3), ones(3, 3))")


@pytest.mark.parametrize("h, w1, w2", [(4, 2, 3), (3, 5, 1), (2, 3, 3)])
def test_side_by_side_matches_reference(kata, ref, h, w1, w2):
    left, right = probes.randn(h, w1, seed=w1), probes.randn(h, w2, seed=10 + w2)
    check_tensor(kata.side_by_side(left, right), ref.side_by_side(left, right),
                 say(f"side_by_side(left of shape ({h}, {w1}), right of shape ({h}, {w2}))",
                     f"side_by_side(形状为 ({h}, {w1}) 的 left, 形状为 ({h}, {w2}) 的 right)"))


def test_side_by_side_puts_left_first(kata):
    left, right = torch.zeros(2, 2), torch.ones(2, 1)
    check_tensor(kata.side_by_side(left, right), torch.tensor([[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]]),
                 "side_by_side(zeros(2, 2), ones(2, 1))")
