"""Hidden-reference tests for ch02 · ex06 — batch and channel dims with unsqueeze and squeeze."""

import pytest
import torch

from grader.checks import check_tensor, say


def randn(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("shape", [(3, 4, 5), (1, 6, 2), (2, 1, 1)])
def test_add_batch_dim_puts_a_size_one_dim_in_front(kata, ref, shape):
    img = randn(*shape, seed=sum(shape))
    check_tensor(kata.add_batch_dim(img), ref.add_batch_dim(img),
                 say(f"add_batch_dim(img of shape {shape})", f"add_batch_dim(形状为 {shape} 的 img)"))


@pytest.mark.parametrize("shape", [(1, 3, 4, 5), (1, 2, 6, 3)])
def test_drop_batch_dim_removes_the_front_dim(kata, ref, shape):
    x = randn(*shape, seed=sum(shape))
    check_tensor(kata.drop_batch_dim(x), ref.drop_batch_dim(x),
                 say(f"drop_batch_dim(x of shape {shape})", f"drop_batch_dim(形状为 {shape} 的 x)"))


@pytest.mark.parametrize("shape", [(1, 1, 4, 5), (1, 3, 1, 6), (1, 1, 1, 1)])
def test_drop_batch_dim_keeps_other_size_one_dims(kata, ref, shape):
    x = randn(*shape, seed=sum(shape))
    check_tensor(kata.drop_batch_dim(x), ref.drop_batch_dim(x),
                 say(f"drop_batch_dim(x of shape {shape})", f"drop_batch_dim(形状为 {shape} 的 x)"))


def test_drop_batch_dim_undoes_add_batch_dim(kata):
    img = randn(1, 5, 7, seed=1)
    check_tensor(kata.drop_batch_dim(kata.add_batch_dim(img)), img, "drop_batch_dim(add_batch_dim(img))")


@pytest.mark.parametrize("b, c, h, w", [(2, 3, 4, 5), (4, 2, 3, 1), (1, 5, 2, 2)])
def test_scale_channels_matches_reference(kata, ref, b, c, h, w):
    x, s = randn(b, c, h, w, seed=b), randn(c, seed=c)
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say(f"scale_channels(x of shape ({b}, {c}, {h}, {w}), s of shape ({c},))",
                     f"scale_channels(形状为 ({b}, {c}, {h}, {w}) 的 x, 形状为 ({c},) 的 s)"))


def test_scale_channels_scales_channels_even_when_width_equals_channels(kata, ref):
    x, s = randn(2, 3, 4, 3, seed=2), torch.tensor([1.0, 10.0, 100.0])
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say("scale_channels(x of shape (2, 3, 4, 3), s = [1, 10, 100])",
                     "scale_channels(形状为 (2, 3, 4, 3) 的 x, s = [1, 10, 100])"))


def test_scale_channels_scales_channels_even_when_batch_equals_channels(kata, ref):
    x, s = randn(3, 3, 2, 4, seed=3), torch.tensor([1.0, 10.0, 100.0])
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say("scale_channels(x of shape (3, 3, 2, 4), s = [1, 10, 100])",
                     "scale_channels(形状为 (3, 3, 2, 4) 的 x, s = [1, 10, 100])"))
