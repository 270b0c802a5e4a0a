"""Hidden-reference tests for ch02 · ex11 — a view or a copy?"""

import pytest
import torch

from grader import probes
from grader.checks import check_tensor, check_true, say


def shares_memory(a, b):
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def crop_view_report(mod, img, top, left, h, w):
    """In the worker: crop; report whether the crop shares img's memory, and img now."""
    out = mod.crop_view(img, top, left, h, w)
    shares = isinstance(out, torch.Tensor) and shares_memory(out, img)
    return {"img": img, "shares": shares}


def img_after_writing_into_crop_view(mod, img):
    """In the worker: write into the crop and return img, which should show the write."""
    out = mod.crop_view(img, 1, 2, 2, 3)
    out.fill_(100.0)
    return img


def zero_border_report(mod, img, k):
    """In the worker: zero the border; report whether the result shares img's memory, and img now."""
    out = mod.zero_border(img, k)
    shares = isinstance(out, torch.Tensor) and shares_memory(out, img)
    return {"img": img, "shares": shares}


def intact(report, img):
    """In the judge: img, as the worker sent it back, still holds its old values."""
    return isinstance(report["img"], torch.Tensor) and torch.equal(report["img"], img)


@pytest.mark.parametrize("window", [(1, 2, 2, 3), (0, 0, 4, 6), (3, 1, 1, 4)])
def test_crop_view_has_the_right_window(kata, ref, window):
    img = probes.randn(2, 4, 6, seed=sum(window))
    top, left, h, w = window
    check_tensor(kata.crop_view(img, *window), ref.crop_view(img, *window),
                 say(f"crop_view(img of shape (2, 4, 6), top={top}, left={left}, h={h}, w={w})",
                     f"crop_view(形状为 (2, 4, 6) 的 img, top={top}, left={left}, h={h}, w={w})"))


def test_crop_view_shares_memory_with_the_image(kata):
    report = kata.probe(crop_view_report, probes.randn(3, 5, 7, seed=1), 1, 2, 3, 4)
    check_true(report["shares"], "crop_view(img, 1, 2, 3, 4) made a copy: it must return a view that "
               "shares img's memory (plain slicing; .clone() copies, and so does .contiguous() on a crop like "
               "this one, which is not contiguous)",
               "crop_view(img, 1, 2, 3, 4) 复制了数据：它应当返回与 img 共享内存的视图"
               "（直接切片即可；.clone() 会复制，对这样不连续的裁剪窗口调用 .contiguous() 也会复制）")


def test_writing_into_the_crop_shows_in_the_image(kata):
    img = probes.randn(1, 4, 6, seed=2)
    expected = img.clone()
    expected[:, 1:3, 2:5] = 100.0
    check_tensor(kata.probe(img_after_writing_into_crop_view, img), expected,
                 say("img after crop_view(img, 1, 2, 2, 3).fill_(100.0)",
                     "执行 crop_view(img, 1, 2, 2, 3).fill_(100.0) 之后的 img"))


def test_crop_view_does_not_modify_the_image(kata):
    img = probes.randn(3, 5, 7, seed=3)
    report = kata.probe(crop_view_report, img, 0, 1, 2, 2)
    check_true(intact(report, img), "crop_view(img, 0, 1, 2, 2) changed img", "crop_view(img, 0, 1, 2, 2) 修改了 img")


@pytest.mark.parametrize("k", [1, 2])
def test_zero_border_matches_reference(kata, ref, k):
    img = probes.randn(2, 6, 5, seed=k)
    check_tensor(kata.zero_border(img, k), ref.zero_border(img, k),
                 say(f"zero_border(img of shape (2, 6, 5), {k})", f"zero_border(形状为 (2, 6, 5) 的 img, {k})"))


def test_zero_border_of_the_example(kata):
    img = torch.arange(12.0).reshape(1, 3, 4)
    expected = torch.tensor([[[0.0, 0.0, 0.0, 0.0], [0.0, 5.0, 6.0, 0.0], [0.0, 0.0, 0.0, 0.0]]])
    check_tensor(kata.zero_border(img, 1), expected, "zero_border(arange(12.0).reshape(1, 3, 4), 1)")


def test_zero_width_border_changes_nothing(kata):
    img = probes.randn(3, 4, 5, seed=4)
    check_tensor(kata.zero_border(img, 0), img, "zero_border(img, 0)")


def test_zero_border_does_not_modify_the_image(kata):
    img = probes.randn(2, 5, 6, seed=5)
    report = kata.probe(zero_border_report, img, 1)
    check_true(intact(report, img), "zero_border(img, 1) changed img: clone it first and write into the clone",
               "zero_border(img, 1) 修改了 img：请先用 clone() 复制一份，再往副本里写入")


def test_zero_border_returns_a_tensor_of_its_own(kata):
    report = kata.probe(zero_border_report, probes.randn(2, 5, 6, seed=6), 2)
    check_true(not report["shares"], "zero_border(img, 2) returned a tensor that shares img's memory: "
               "it must return an independent copy",
               "zero_border(img, 2) 返回的张量与 img 共享内存：它应当返回一份独立的副本")


def test_zero_width_border_returns_a_copy_too(kata):
    report = kata.probe(zero_border_report, probes.randn(2, 5, 6, seed=7), 0)
    check_true(not report["shares"], "zero_border(img, 0) returned a tensor that shares img's memory: "
               "even with nothing to zero it must return an independent copy",
               "zero_border(img, 0) 返回的张量与 img 共享内存：即使没有要清零的边框，也应当返回一份独立的副本")
