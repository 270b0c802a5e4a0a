"""Hidden-reference tests for ch02 · ex06 — batch and channel dims with unsqueeze and squeeze."""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, hint, say


def img_after_add_batch_dim(mod, img):
    """In the worker: call add_batch_dim and send img back as it is afterwards."""
    mod.add_batch_dim(img)
    return img


def x_after_drop_batch_dim(mod, x):
    """In the worker: call drop_batch_dim and send x back as it is afterwards."""
    mod.drop_batch_dim(x)
    return x


def inputs_after_scale_channels(mod, x, s):
    """In the worker: call scale_channels and send x and s back as they are afterwards."""
    mod.scale_channels(x, s)
    return [x, s]


@pytest.mark.parametrize("shape", [(3, 4, 5), (1, 6, 2), (2, 1, 1)])
def test_add_batch_dim_puts_a_size_one_dim_in_front(kata, ref, shape):
    img = probes.randn(*shape, seed=sum(shape))
    check_tensor(kata.add_batch_dim(img), ref.add_batch_dim(img),
                 say(f"add_batch_dim(img of shape {shape})", f"add_batch_dim(形状为 {shape} 的 img)"))


@pytest.mark.parametrize("shape", [(1, 3, 4, 5), (1, 2, 6, 3)])
def test_drop_batch_dim_removes_the_front_dim(kata, ref, shape):
    x = probes.randn(*shape, seed=sum(shape))
    check_tensor(kata.drop_batch_dim(x), ref.drop_batch_dim(x),
                 say(f"drop_batch_dim(x of shape {shape})", f"drop_batch_dim(形状为 {shape} 的 x)"))


@pytest.mark.parametrize("shape", [(1, 1, 4, 5), (1, 3, 1, 6), (1, 1, 1, 1)])
def test_drop_batch_dim_keeps_other_size_one_dims(kata, ref, shape):
    x = probes.randn(*shape, seed=sum(shape))
    check_tensor(kata.drop_batch_dim(x), ref.drop_batch_dim(x),
                 say(f"drop_batch_dim(x of shape {shape})", f"drop_batch_dim(形状为 {shape} 的 x)"))


def test_add_batch_dim_leaves_the_image_as_it_was(kata):
    img = probes.randn(3, 4, 5, seed=5)
    with hint("return a new view with img.unsqueeze(0): unsqueeze_ (with the underscore) changes the caller's img",
              "用 img.unsqueeze(0) 返回一个新的视图：带下划线的 unsqueeze_ 是原地操作，会修改调用者的 img"):
        check_tensor(kata.probe(img_after_add_batch_dim, img), img,
                     say("img after add_batch_dim(img)", "执行 add_batch_dim(img) 之后的 img"))


def test_drop_batch_dim_leaves_the_batch_as_it_was(kata):
    x = probes.randn(1, 3, 4, 5, seed=6)
    with hint("return a new view with x.squeeze(0): squeeze_ (with the underscore) changes the caller's x",
              "用 x.squeeze(0) 返回一个新的视图：带下划线的 squeeze_ 是原地操作，会修改调用者的 x"):
        check_tensor(kata.probe(x_after_drop_batch_dim, x), x,
                     say("x after drop_batch_dim(x)", "执行 drop_batch_dim(x) 之后的 x"))


def test_drop_batch_dim_undoes_add_batch_dim(kata):
    img = probes.randn(1, 5, 7, seed=1)
    check_tensor(kata.drop_batch_dim(kata.add_batch_dim(img)), img, "drop_batch_dim(add_batch_dim(img))")


def test_scale_channels_scales_channels_even_when_width_equals_channels(kata, ref):
    x, s = probes.randn(2, 3, 4, 3, seed=2), torch.tensor([1.0, 10.0, 100.0])
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say("scale_channels(x of shape (2, 3, 4, 3), s = [1, 10, 100])",
                     "scale_channels(形状为 (2, 3, 4, 3) 的 x, s = [1, 10, 100])"))


def test_scale_channels_scales_channels_even_when_batch_equals_channels(kata, ref):
    x, s = probes.randn(3, 3, 2, 4, seed=3), torch.tensor([1.0, 10.0, 100.0])
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say("scale_channels(x of shape (3, 3, 2, 4), s = [1, 10, 100])",
                     "scale_channels(形状为 (3, 3, 2, 4) 的 x, s = [1, 10, 100])"))


@pytest.mark.parametrize("b, c, h, w", [(2, 3, 4, 5), (4, 2, 3, 1), (1, 5, 2, 2)])
def test_scale_channels_matches_reference(kata, ref, b, c, h, w):
    x, s = probes.randn(b, c, h, w, seed=b), probes.randn(c, seed=c)
    check_tensor(kata.scale_channels(x, s), ref.scale_channels(x, s),
                 say(f"scale_channels(x of shape ({b}, {c}, {h}, {w}), s of shape ({c},))",
                     f"scale_channels(形状为 ({b}, {c}, {h}, {w}) 的 x, 形状为 ({c},) 的 s)"))


def test_scale_channels_does_not_modify_its_inputs(kata):
    x, s = probes.randn(3, 3, 4, 5, seed=7), probes.randn(3, seed=8)
    x_after, s_after = kata.probe(inputs_after_scale_channels, x, s)
    with hint("multiply into a new tensor: x *= ... writes into the caller's x",
              "请把乘积存到一个新张量里：x *= ... 会直接写进调用者的 x"):
        check_tensor(x_after, x, say("x after scale_channels(x, s)", "执行 scale_channels(x, s) 之后的 x"))
        check_tensor(s_after, s, say("s after scale_channels(x, s)", "执行 scale_channels(x, s) 之后的 s"))
