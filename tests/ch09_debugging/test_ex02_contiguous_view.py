"""Hidden-reference tests for ch09 · ex02 — view on a non-contiguous tensor."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, check_true, say

HEAD_SHAPES = [(2, 3, 5, 4), (1, 4, 7, 2), (3, 2, 6, 8)]  # (B, heads, T, D)
IMAGE_SHAPES = [(2, 3, 4, 5), (1, 5, 3, 7), (3, 1, 6, 2)]  # (B, C, H, W)


@pytest.mark.parametrize("shape", HEAD_SHAPES)
def test_merge_heads_matches_reference(kata, ref, shape):
    x = probes.randn(*shape, seed=sum(shape))
    check_tensor(kata.merge_heads(x), ref.merge_heads(x), say(f"merge_heads(x) for x of shape {shape}",
                                                              f"x 形状为 {shape} 时的 merge_heads(x)"))


def test_merge_heads_undoes_splitting_into_heads(kata):
    b, t, heads, d = 2, 5, 3, 4
    merged = probes.randn(*(b, t, heads * d), seed=1)
    split = merged.view(b, t, heads, d).transpose(1, 2)  # (B, heads, T, D), as attention does
    check_tensor(kata.merge_heads(split.contiguous()), merged,
                 say("merge_heads(split) where split = merged.view(2, 5, 3, 4).transpose(1, 2)",
                     "merge_heads(split)，其中 split = merged.view(2, 5, 3, 4).transpose(1, 2)"))


@pytest.mark.parametrize("shape", IMAGE_SHAPES)
def test_pixels_as_rows_matches_reference(kata, ref, shape):
    x = probes.randn(*shape, seed=sum(shape) + 100)
    check_tensor(kata.pixels_as_rows(x), ref.pixels_as_rows(x), say(f"pixels_as_rows(x) for x of shape {shape}",
                                                                    f"x 形状为 {shape} 时的 pixels_as_rows(x)"))


def test_pixels_as_rows_puts_each_pixels_channels_in_its_row(kata):
    b, c, h, w = 2, 3, 4, 5
    x = probes.randn(*(b, c, h, w), seed=3)
    rows = kata.pixels_as_rows(x)
    shape = tuple(rows.shape) if isinstance(rows, torch.Tensor) else None
    check_true(shape == (b * h * w, c),
               f"pixels_as_rows(x) for x of shape {(b, c, h, w)} must be a tensor of shape {(b * h * w, c)} "
               f"(got {shape or type(rows).__name__})",
               f"x 形状为 {(b, c, h, w)} 时，pixels_as_rows(x) 必须是形状为 {(b * h * w, c)} 的张量"
               f"（实际为 {shape or type(rows).__name__}）")
    for bi, hi, wi in [(0, 0, 1), (0, 1, 0), (1, 3, 4), (1, 2, 3)]:
        row = bi * h * w + hi * w + wi
        where = say(f"pixel b={bi}, h={hi}, w={wi} of x with shape {(b, c, h, w)}",
                    f"形状为 {(b, c, h, w)} 的 x 在 b={bi}, h={hi}, w={wi} 处的像素")
        check_tensor(rows[row], x[bi, :, hi, wi], say(f"pixels_as_rows(x)[{row}] ({where})",
                                                      f"pixels_as_rows(x)[{row}]（{where}）"))
