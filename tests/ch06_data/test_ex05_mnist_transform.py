"""Hidden-reference tests for ch06 · ex05 — a transform pipeline for MNIST.

Images travel to the worker as uint8 tensors (H, W); the probe turns them into PIL images
there, runs the learner's pipeline and sends back the tensors.
"""

import pytest
import torch

from grader.checks import check_number, check_tensor, check_true, say

MEAN, STD = 0.1307, 0.3081


def random_image(height, width, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 256, (height, width), dtype=torch.uint8, generator=g)


def as_pil(pixels):
    from PIL import Image

    return Image.fromarray(pixels.numpy())


def transform_probe(mod, pixels):
    """In the worker: mnist_transform() applied to a grayscale PIL image."""
    return mod.mnist_transform()(as_pil(pixels))


def unnormalize_probe(mod, x):
    """In the worker: unnormalize(x), and x as it is afterwards (to catch in-place edits)."""
    out = mod.unnormalize(x)
    return out, x


def round_trip_probe(mod, pixels):
    return mod.unnormalize(mod.mnist_transform()(as_pil(pixels)))


@pytest.mark.parametrize("height,width", [(28, 28), (20, 31)])
def test_output_is_a_float32_tensor_of_shape_1_h_w(kata, height, width):
    got = kata.probe(transform_probe, random_image(height, width, 0))
    check_true(isinstance(got, torch.Tensor),
               f"mnist_transform()(image) must return a tensor (got {type(got).__name__})",
               f"mnist_transform()(image) 必须返回张量（实际得到 {type(got).__name__}）")
    check_true(got.shape == (1, height, width) and got.dtype == torch.float32,
               f"mnist_transform()(a {width}x{height} grayscale image) must be a float32 tensor of shape "
               f"(1, {height}, {width}) (got {got.dtype} of shape {tuple(got.shape)})",
               f"mnist_transform()(一张 {width}x{height} 的灰度图) 必须是形状为 (1, {height}, {width}) 的 float32 张量"
               f"（实际为形状 {tuple(got.shape)} 的 {got.dtype}）")


def test_a_black_pixel_becomes_minus_mean_over_std(kata):
    got = kata.probe(transform_probe, torch.zeros(5, 7, dtype=torch.uint8))
    check_number(got[0, 0, 0].item(), -MEAN / STD,
                 say("mnist_transform()(an all-black image)[0, 0, 0], (0 - 0.1307) / 0.3081",
                     "mnist_transform()(全黑图像)[0, 0, 0]（即 (0 - 0.1307) / 0.3081）"), atol=1e-4)


def test_a_white_pixel_becomes_one_minus_mean_over_std(kata):
    got = kata.probe(transform_probe, torch.full((5, 7), 255, dtype=torch.uint8))
    check_number(got[0, 0, 0].item(), (1 - MEAN) / STD,
                 say("mnist_transform()(an all-white image)[0, 0, 0], (1 - 0.1307) / 0.3081",
                     "mnist_transform()(全白图像)[0, 0, 0]（即 (1 - 0.1307) / 0.3081）"), atol=1e-4)


@pytest.mark.parametrize("seed", [1, 2])
def test_matches_the_reference_pipeline(kata, ref, seed):
    from PIL import Image

    pixels = random_image(28, 24, seed)
    got = kata.probe(transform_probe, pixels)
    expected = ref.mnist_transform()(Image.fromarray(pixels.numpy()))
    check_tensor(got, expected, "mnist_transform()(image)")


def test_unnormalize_inverts_the_normalisation(kata, ref):
    g = torch.Generator().manual_seed(3)
    x = torch.randn(4, 1, 6, 5, generator=g)
    out, _ = kata.probe(unnormalize_probe, x)
    check_tensor(out, ref.unnormalize(x), say("unnormalize(x) for x of shape (4, 1, 6, 5)",
                                              "x 形状为 (4, 1, 6, 5) 时的 unnormalize(x)"))


def test_unnormalize_undoes_mnist_transform(kata):
    pixels = random_image(12, 9, 4)
    got = kata.probe(round_trip_probe, pixels)
    check_tensor(got, (pixels.to(torch.float32) / 255).unsqueeze(0),
                 say("unnormalize(mnist_transform()(image)), which must be the image scaled to [0, 1]",
                     "unnormalize(mnist_transform()(image))（它应当是缩放到 [0, 1] 的原图）"), atol=1e-5)


def test_unnormalize_does_not_modify_its_input(kata):
    x = torch.randn(2, 1, 3, 4, generator=torch.Generator().manual_seed(5))
    _, after = kata.probe(unnormalize_probe, x)
    check_tensor(after, x, say("x after unnormalize(x) (it must stay unchanged; avoid mul_/add_)",
                               "unnormalize(x) 之后的 x（它必须保持不变；不要用 mul_/add_）"))
