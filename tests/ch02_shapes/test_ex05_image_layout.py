"""Hidden-reference tests for ch02 · ex05 — image layout: permute, view and reshape."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, say


def flatten_batch_of_permuted_x(mod, x_bhwc):
    """In the worker: flatten a (B, C, H, W) batch that is a permuted, non-contiguous view."""
    return mod.flatten_batch(x_bhwc.permute(0, 3, 1, 2))


def flatten_batch_of_hwc_to_chw(mod, img_hwc):
    """In the worker: flatten a batch of one image straight out of hwc_to_chw."""
    return mod.flatten_batch(mod.hwc_to_chw(img_hwc)[None])


def test_hwc_to_chw_moves_the_channel_axis_to_the_front(kata):
    img = torch.arange(2 * 3 * 4).reshape(2, 3, 4)  # H=2, W=3, C=4
    expected = torch.stack([img[:, :, c] for c in range(4)])
    check_tensor(kata.hwc_to_chw(img), expected,
                 say("hwc_to_chw(img of shape (2, 3, 4))", "hwc_to_chw(形状为 (2, 3, 4) 的 img)"))


@pytest.mark.parametrize("h, w, c", [(5, 7, 3), (4, 6, 1), (8, 3, 2)])
def test_hwc_to_chw_matches_reference(kata, ref, h, w, c):
    img = probes.randn(h, w, c, seed=h)
    check_tensor(kata.hwc_to_chw(img), ref.hwc_to_chw(img),
                 say(f"hwc_to_chw(img of shape ({h}, {w}, {c}))", f"hwc_to_chw(形状为 ({h}, {w}, {c}) 的 img)"))


@pytest.mark.parametrize("b, c, h, w", [(2, 3, 4, 5), (5, 1, 3, 2), (1, 4, 2, 6)])
def test_flatten_batch_matches_reference(kata, ref, b, c, h, w):
    x = probes.randn(b, c, h, w, seed=b + c)
    check_tensor(kata.flatten_batch(x), ref.flatten_batch(x),
                 say(f"flatten_batch(x of shape ({b}, {c}, {h}, {w}))",
                     f"flatten_batch(形状为 ({b}, {c}, {h}, {w}) 的 x)"))


def test_flatten_batch_keeps_one_row_per_image(kata):
    x = probes.randn(3, 2, 4, 5, seed=2)
    expected = torch.stack([x[i].flatten() for i in range(3)])  # row i is image i, flattened
    check_tensor(kata.flatten_batch(x), expected,
                 say("flatten_batch(x of shape (3, 2, 4, 5))", "flatten_batch(形状为 (3, 2, 4, 5) 的 x)"))


def test_flatten_batch_works_on_a_non_contiguous_batch(kata, ref):
    x_bhwc = probes.randn(3, 4, 5, 2, seed=3)  # permuted to (B, C, H, W) = (3, 2, 4, 5) in the worker
    expected = ref.flatten_batch(x_bhwc.permute(0, 3, 1, 2))
    check_tensor(kata.probe(flatten_batch_of_permuted_x, x_bhwc), expected,
                 say("flatten_batch(t.permute(0, 3, 1, 2)), a non-contiguous batch,",
                     "flatten_batch(t.permute(0, 3, 1, 2))（输入是内存不连续的一批图像）"))


def test_flatten_batch_of_an_image_from_hwc_to_chw(kata, ref):
    img = probes.randn(4, 6, 3, seed=4)
    expected = ref.flatten_batch(ref.hwc_to_chw(img)[None])
    check_tensor(kata.probe(flatten_batch_of_hwc_to_chw, img), expected,
                 "flatten_batch(hwc_to_chw(img)[None])")
