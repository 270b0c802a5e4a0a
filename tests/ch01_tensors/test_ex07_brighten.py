"""Hidden-reference tests for ch01 · ex07 — uint8 overflow (find and fix the bug)."""

import pytest
import torch

from grader.checks import check_tensor, check_true, say


def _image(h, w, seed):
    return torch.randint(0, 256, (h, w), dtype=torch.uint8, generator=torch.Generator().manual_seed(seed))


def image_after_probe(mod, image, amount):
    """In the worker: brighten `image` and send `image` back as it is afterwards."""
    mod.brighten(image, amount)
    return image


def _same(got, t):
    return isinstance(got, torch.Tensor) and torch.equal(got, t)


def test_brightening_stops_at_255(kata, ref):
    image = torch.tensor([[0, 100, 250], [245, 246, 255]], dtype=torch.uint8)
    check_tensor(kata.brighten(image, 10), ref.brighten(image, 10),
                 say("brighten(image, 10) for image [[0, 100, 250], [245, 246, 255]]",
                     "brighten(image, 10)（image 为 [[0, 100, 250], [245, 246, 255]]）"))


def test_darkening_stops_at_0(kata, ref):
    image = torch.tensor([[5, 100, 255], [0, 10, 11]], dtype=torch.uint8)
    check_tensor(kata.brighten(image, -10), ref.brighten(image, -10),
                 say("brighten(image, -10) for image [[5, 100, 255], [0, 10, 11]]",
                     "brighten(image, -10)（image 为 [[5, 100, 255], [0, 10, 11]]）"))


@pytest.mark.parametrize("amount", [-255, -80, 0, 45, 200, 255])
def test_matches_the_reference_on_random_images(kata, ref, amount):
    image = _image(5, 7, seed=amount + 255)
    check_tensor(kata.brighten(image, amount), ref.brighten(image, amount),
                 say(f"brighten(image, {amount}) for a uint8 image of shape (5, 7)",
                     f"brighten(image, {amount})（image 是形状为 (5, 7) 的 uint8 图像）"))


def test_does_not_change_the_input_image(kata):
    image = _image(3, 4, seed=1)
    check_true(_same(kata.probe(image_after_probe, image, 30), image),
               "brighten(image, 30) changed image: compute a new tensor instead of image += amount",
               "brighten(image, 30) 修改了 image：请计算出一个新张量，不要用 image += amount")
