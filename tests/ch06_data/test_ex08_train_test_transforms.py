"""Hidden-reference tests for ch06 · ex08 — train and test transforms, augmentation.

Images travel to the worker as uint8 tensors (H, W, 3); the probes turn them into PIL images
there, run the learner's transforms or dataset, and send back tensors (or, when a transform
raises, the error as text, which the judge reports in plain words).
"""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, say

SIZES = [(24, 20), (18, 30)]  # (H, W), never square


def random_images(n, height, width, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 256, (n, height, width, 3), dtype=torch.uint8, generator=g)


def uniform_image(height, width, colour):
    return torch.tensor(colour, dtype=torch.uint8).expand(height, width, 3).contiguous()


def as_pil(pixels):
    from PIL import Image

    return Image.fromarray(pixels.numpy())


def plain(value):
    """What crosses back to the judge: a tensor or a number as is, a PIL image as ("PIL", its
    pixels), anything else as its type's name."""
    import numpy as np
    from PIL import Image

    if isinstance(value, torch.Tensor):
        return value.detach().as_subclass(torch.Tensor)  # a tv_tensors.Image becomes a plain tensor
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Image.Image):
        return ("PIL", torch.from_numpy(np.array(value)))
    return type(value).__name__


def apply(transform, pixels):
    """transform(the PIL image of pixels), or the error it raised as text."""
    try:
        return plain(transform(as_pil(pixels)))
    except Exception as e:  # reported in the judge, in plain words
        return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


# -- probes (run in the worker with the learner's module) ------------------------------


def pair_probe(mod, size):
    result = mod.make_transforms(size)
    if not isinstance(result, (tuple, list)):
        return type(result).__name__
    return [callable(t) for t in result]


def transform_probe(mod, size, which, images, repeats, seed):
    """make_transforms(size)[which] applied `repeats` times to each image, after seeding torch."""
    chosen = mod.make_transforms(size)[which]
    torch.manual_seed(seed)
    return [apply(chosen, pixels) for pixels in images for _ in range(repeats)]


def dataset_probe(mod, images, labels, kind, indices):
    """ImageDataset(images, labels, transform) with a transform made here, and ds[i] for each
    index: kind "none" (no transform), "normalize" (ToTensor + Normalize) or "crop" (a random
    crop with padding, then ToTensor)."""
    from torchvision import transforms

    height, width = images.shape[1:3]
    chosen = {
        "none": None,
        "normalize": transforms.Compose([transforms.ToTensor(),
                                         transforms.Normalize((0.5, 0.4, 0.3), (0.2, 0.25, 0.3))]),
        "crop": transforms.Compose([transforms.RandomCrop((height, width), padding=4), transforms.ToTensor()]),
    }[kind]
    ds = mod.ImageDataset(images, labels, transform=chosen) if chosen else mod.ImageDataset(images, labels)
    torch.manual_seed(0)
    items = []
    for i in indices:
        item = ds[i]
        items.append([plain(x) for x in item] if isinstance(item, (tuple, list)) else plain(item))
    return {"len": len(ds), "items": items}


# -- helpers in the judge ------------------------------------------------------------------


def reference(ref, size, which, images):
    chosen = ref.make_transforms(size)[which]
    return [chosen(as_pil(pixels)) for pixels in images]


def check_output(got, size, what):
    """A transform's output: a float32 tensor (3, H, W), or a plain message when it raised."""
    height, width = size
    if isinstance(got, str):
        raised_on_pil = "PIL" in got and "Tensor" in got
        check_true(False,
                   f"{what} must turn a PIL image into a tensor, but it raised {got}"
                   + (" (Normalize works only on tensors, so it must come after ToTensor)" if raised_on_pil else ""),
                   f"{what} 必须把 PIL 图像变成张量，但它抛出了异常 {got}"
                   + ("（Normalize 只能处理张量，所以必须放在 ToTensor 之后）" if raised_on_pil else ""))
    check_true(isinstance(got, torch.Tensor),
               f"{what} must return a tensor (got {got if isinstance(got, str) else type(got).__name__})",
               f"{what} 必须返回张量（实际得到 {got if isinstance(got, str) else type(got).__name__}）")
    check_true(got.shape == (3, height, width) and got.dtype == torch.float32,
               f"{what} for a {width}x{height} RGB image must be a float32 tensor of shape (3, {height}, {width}) "
               f"(got {got.dtype} of shape {tuple(got.shape)})",
               f"{what} 作用于一张 {width}x{height} 的 RGB 图像时，结果必须是形状为 (3, {height}, {width}) 的 "
               f"float32 张量（实际为形状 {tuple(got.shape)} 的 {got.dtype}）")
    return got


def describe(value):
    """A short text for something a probe sent back."""
    if isinstance(value, tuple) and value and value[0] == "PIL":
        return say("a PIL image", "PIL 图像")
    return value if isinstance(value, str) else type(value).__name__


def check_item(item, i):
    """ds[i] as sent back: a pair (image, label)."""
    check_true(isinstance(item, list) and len(item) == 2,
               f"ds[{i}] must be a pair (image, label) (got {describe(item)})",
               f"ds[{i}] 必须是一对 (image, label)（实际得到 {describe(item)}）")
    return item


def check_pair(kata, size):
    got = kata.probe(pair_probe, size)
    check_true(isinstance(got, list) and len(got) == 2 and all(got),
               f"make_transforms(size) must return a pair (train_transform, test_transform) of transforms (got {got})",
               f"make_transforms(size) 必须返回一对变换 (train_transform, test_transform)（实际得到 {got}）")


# -- make_transforms -------------------------------------------------------------------------


def test_make_transforms_returns_a_train_and_a_test_transform(kata):
    check_pair(kata, (24, 20))


@pytest.mark.parametrize("size", SIZES)
def test_test_transform_is_to_tensor_then_normalize(kata, ref, size):
    check_pair(kata, size)
    images = random_images(2, *size, seed=1)
    got = kata.probe(transform_probe, size, 1, images, 1, 0)
    for k, (g, e) in enumerate(zip(got, reference(ref, size, 1, images), strict=True)):
        what = say(f"test_transform(image {k})", f"test_transform(图像 {k})")
        check_tensor(check_output(g, size, what), e,
                     say(f"{what}, which must be ToTensor then Normalize(MEAN, STD) and nothing else",
                         f"{what}（应当只有 ToTensor 加 Normalize(MEAN, STD)）"), atol=1e-5)


def test_test_transform_gives_the_same_tensor_every_time(kata):
    size = (24, 20)
    check_pair(kata, size)
    got = kata.probe(transform_probe, size, 1, random_images(1, *size, seed=2), 6, 0)
    first = check_output(got[0], size, "test_transform(image)")
    for k, g in enumerate(got[1:], start=2):
        check_tensor(check_output(g, size, "test_transform(image)"), first,
                     say(f"test_transform(image) at call {k}, which must equal the first call "
                         f"(the test set is never augmented)",
                         f"第 {k} 次调用 test_transform(image) 的结果，它必须与第一次相同（测试集不做数据增强）"))


@pytest.mark.parametrize("size", SIZES)
def test_train_transform_gives_a_float32_tensor_of_shape_3_h_w(kata, size):
    check_pair(kata, size)
    got = kata.probe(transform_probe, size, 0, random_images(2, *size, seed=3), 2, 0)
    for g in got:
        check_output(g, size, "train_transform(image)")


def test_train_transform_is_random(kata):
    size = (24, 20)
    check_pair(kata, size)
    got = kata.probe(transform_probe, size, 0, random_images(1, *size, seed=4), 6, 0)
    outputs = [check_output(g, size, "train_transform(image)") for g in got]
    check_true(any(not torch.equal(outputs[0], o) for o in outputs[1:]),
               "train_transform(image) must give a different random version at each call "
               "(6 calls on one image all gave the same tensor: is there a random augmentation?)",
               "train_transform(image) 每次调用都必须给出不同的随机版本"
               "（对同一张图调用 6 次，得到的张量全都一样：是不是没有随机增强？）")


@pytest.mark.parametrize("size", SIZES)
def test_train_transform_normalises_like_the_test_transform(kata, ref, size):
    check_pair(kata, size)
    # one colour everywhere: a crop, rotation or flip leaves the centre of the image that colour
    images = torch.stack([uniform_image(*size, (200, 40, 120)), uniform_image(*size, (10, 250, 90))])
    got = kata.probe(transform_probe, size, 0, images, 3, 0)
    expected = reference(ref, size, 1, images)
    rows, cols = slice(size[0] // 2 - 1, size[0] // 2 + 1), slice(size[1] // 2 - 1, size[1] // 2 + 1)
    for k, g in enumerate(got):
        colour = tuple(images[k // 3, 0, 0].tolist())
        check_tensor(check_output(g, size, "train_transform(image)")[:, rows, cols], expected[k // 3][:, rows, cols],
                     say(f"the centre of train_transform(an image all of colour {colour}), which must be normalised "
                         f"like the test transform: ToTensor, then Normalize(MEAN, STD)",
                         f"train_transform(一张全是颜色 {colour} 的图像) 的中心部分，它必须和测试变换一样标准化："
                         f"先 ToTensor，再 Normalize(MEAN, STD)"), atol=1e-4)


# -- ImageDataset ------------------------------------------------------------------------------


def labels_for(n, seed):
    return torch.randint(0, 10, (n,), generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("n", [5, 8])
def test_dataset_has_one_item_per_image_with_int_labels(kata, n):
    images, labels = random_images(n, 12, 10, seed=n), labels_for(n, n)
    got = kata.probe(dataset_probe, images, labels, "normalize", list(range(n)))
    check_equal(got["len"], n, say(f"len(ImageDataset(images, labels, transform)) for {n} images",
                                   f"{n} 张图像时的 len(ImageDataset(images, labels, transform))"))
    for i, item in enumerate(got["items"]):
        item = check_item(item, i)
        check_true(type(item[1]) is int, f"the label of ds[{i}] must be a Python int (got {type(item[1]).__name__})",
                   f"ds[{i}] 的标签必须是 Python int（实际得到 {type(item[1]).__name__}）")
        check_equal(item[1], int(labels[i]), say(f"the label of ds[{i}]", f"ds[{i}] 的标签"))


def test_dataset_applies_the_transform_it_is_given(kata):
    from torchvision import transforms

    images, labels = random_images(4, 14, 11, seed=5), labels_for(4, 5)
    got = kata.probe(dataset_probe, images, labels, "normalize", [0, 3, 1])
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.4, 0.3), (0.2, 0.25, 0.3))])
    for i, item in zip([0, 3, 1], got["items"], strict=True):
        check_tensor(check_item(item, i)[0], transform(as_pil(images[i])),
                     say(f"the image of ds[{i}] for ImageDataset(images, labels, transform=T), which must be T(image)",
                         f"ImageDataset(images, labels, transform=T) 中 ds[{i}] 的图像，它必须是 T(image)"), atol=1e-5)


def test_dataset_without_a_transform_gives_the_pil_image(kata):
    images, labels = random_images(3, 9, 13, seed=6), labels_for(3, 6)
    got = kata.probe(dataset_probe, images, labels, "none", [2, 0])
    for i, item in zip([2, 0], got["items"], strict=True):
        image = check_item(item, i)[0]
        check_true(isinstance(image, tuple) and image[0] == "PIL",
                   f"the image of ds[{i}] for ImageDataset(images, labels) without a transform must be a PIL image "
                   f"(got {describe(image)})",
                   f"不给 transform 时，ImageDataset(images, labels) 中 ds[{i}] 的图像必须是 PIL 图像"
                   f"（实际得到 {describe(image)}）")
        check_tensor(image[1], images[i], say(f"the pixels of the PIL image ds[{i}][0], (H, W, 3) uint8",
                                              f"PIL 图像 ds[{i}][0] 的像素，(H, W, 3) uint8"))


def test_dataset_applies_the_transform_at_every_access(kata):
    images, labels = random_images(3, 16, 12, seed=7), labels_for(3, 7)
    got = kata.probe(dataset_probe, images, labels, "crop", [1] * 6)
    images_got = [check_item(item, 1)[0] for item in got["items"]]
    first = images_got[0]
    check_true(all(isinstance(x, torch.Tensor) for x in images_got),
               f"the image of ds[1] with a random-crop transform must be a tensor (got {describe(first)})",
               f"transform 为随机裁剪时，ds[1] 的图像必须是张量（实际得到 {describe(first)}）")
    check_true(any(not torch.equal(first, x) for x in images_got[1:]),
               "ds[1] read 6 times with a random-crop transform gave the same image every time: the transform must "
               "run in __getitem__, at every access, not once in __init__",
               "在随机裁剪的 transform 下读取 ds[1] 6 次，每次得到的图像都一样：transform 必须在 __getitem__ 中、"
               "每次取样本时执行，而不是在 __init__ 中只执行一次")
