"""Hidden-reference tests for ch07 · ex07 — reading the CIFAR binary format.

The test writes small files in CIFAR-10's binary layout into the inbox: records whose red,
green and blue planes all differ, with pixel values over the whole 0–255 range (so a signed
int8 read shows), labels 0–9 in no sorted order, and files of 1, 3 and 7 records (so no
record count can be hard-coded). The judge compares what comes back with the reference.
"""

from pathlib import Path

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, hint, say

RECORD = 1 + 3 * 32 * 32


def read_probe(mod, path):
    images, labels = mod.read_cifar_batch(path)
    return {"images": images, "labels": labels}


def display_probe(mod, image):
    """`to_display(image)`, and `image` as it is after the call."""
    return {"out": mod.to_display(image), "input_after": image}


def _records(n, seed):
    """`n` records: labels 0–9 and (n, 3, 32, 32) uint8 images whose three planes differ."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.randperm(10, generator=g)[:n] if n <= 10 else torch.randint(0, 10, (n,), generator=g)
    images = torch.randint(0, 256, (n, 3, 32, 32), generator=g, dtype=torch.uint8)
    images[:, :, 0, 0] = torch.tensor([255, 128, 0], dtype=torch.uint8)  # a corner with every channel different
    return images, labels


def _write(inbox, n, seed=0):
    images, labels = _records(n, seed)
    body = torch.cat([labels.to(torch.uint8).unsqueeze(1), images.reshape(n, -1)], dim=1)
    path = Path(inbox) / f"data_batch_{n}.bin"
    path.write_bytes(body.numpy().tobytes())
    return str(path), images, labels


def _read(kata, path, n):
    got = kata.probe(read_probe, path)
    images, labels = got["images"], got["labels"]
    for name, value in (("images", images), ("labels", labels)):
        check_true(isinstance(value, torch.Tensor),
                   f"read_cifar_batch must return (images, labels), two tensors ({name} is a {type(value).__name__})",
                   f"read_cifar_batch 必须返回 (images, labels) 两个张量（{name} 是 {type(value).__name__}）")
    with hint("each record is 1 + 3072 bytes: reshape the bytes to (-1, 3073), then the pixels to (-1, 3, 32, 32)",
              "每条记录有 1 + 3072 个字节：先把字节 reshape 成 (-1, 3073)，再把像素 reshape 成 (-1, 3, 32, 32)"):
        check_equal(tuple(images.shape), (n, 3, 32, 32), say(f"images.shape for a file of {n} records",
                                                             f"{n} 条记录的文件得到的 images.shape"))
        check_equal(tuple(labels.shape), (n,), say(f"labels.shape for a file of {n} records",
                                                   f"{n} 条记录的文件得到的 labels.shape"))
    return images, labels


@pytest.mark.parametrize("n", [1, 3, 7])
def test_reads_every_record_of_the_file(kata, kata_inbox, n):
    path, _, _ = _write(kata_inbox, n)
    _read(kata, path, n)


def test_images_are_uint8_and_labels_int64(kata, kata_inbox):
    path, _, _ = _write(kata_inbox, 3)
    images, labels = _read(kata, path, 3)
    with hint("read the bytes as unsigned (torch.uint8 or np.uint8: values over 127 stay positive), and turn the "
              "labels into int64 with .long()",
              "按无符号字节读取（torch.uint8 或 np.uint8：大于 127 的值才不会变成负数），"
              "再用 .long() 把 labels 转成 int64"):
        check_equal(images.dtype, torch.uint8, say("images.dtype", "images.dtype"))
        check_equal(labels.dtype, torch.int64, say("labels.dtype", "labels.dtype"))


@pytest.mark.parametrize("n", [3, 7])
def test_labels_are_the_first_byte_of_each_record(kata, kata_inbox, n):
    path, _, want = _write(kata_inbox, n, seed=n)
    _, labels = _read(kata, path, n)
    check_tensor(labels.long(), want, say("the labels tensor (byte 0 of each record)",
                                          "labels 张量（每条记录的第 0 个字节）"))


@pytest.mark.parametrize("n", [3, 7])
def test_pixels_are_red_then_green_then_blue_planes(kata, kata_inbox, n):
    path, want, _ = _write(kata_inbox, n, seed=n)
    images, _ = _read(kata, path, n)
    with hint("after the label byte come 1024 red values, then 1024 green, then 1024 blue: that is (3, 32, 32), "
              "channels first, not (32, 32, 3); and the label byte is not a pixel",
              "标签字节之后依次是 1024 个红色值、1024 个绿色值、1024 个蓝色值：也就是通道在前的 (3, 32, 32)，"
              "而不是 (32, 32, 3)；标签字节也不是像素"):
        check_tensor(images.to(torch.int64), want.to(torch.int64),
                     say("the images tensor (its pixel values)", "images 张量（像素值）"), atol=0)


def test_first_and_last_pixels_are_the_bytes_after_the_label(kata, kata_inbox):
    path, want, _ = _write(kata_inbox, 3, seed=5)
    images, _ = _read(kata, path, 3)
    with hint("byte 0 of a record is its label; its pixels are bytes 1 to 3072: records[:, 1:]",
              "每条记录的第 0 个字节是标签；像素是第 1 到 3072 个字节：records[:, 1:]"):
        check_tensor(images[:, 0, 0, 0].to(torch.int64), want[:, 0, 0, 0].to(torch.int64),
                     say("each image's first red pixel (byte 1 of its record)",
                         "每张图片的第一个红色像素（记录的第 1 个字节）"), atol=0)
        check_tensor(images[:, 2, 31, 31].to(torch.int64), want[:, 2, 31, 31].to(torch.int64),
                     say("each image's last blue pixel (byte 3072 of its record)",
                         "每张图片的最后一个蓝色像素（记录的第 3072 个字节）"), atol=0)


@pytest.mark.parametrize("shape", [(3, 20, 28), (3, 32, 32)])
def test_to_display_moves_the_channels_last(kata, shape):
    image = torch.randint(0, 256, shape, generator=torch.Generator().manual_seed(1), dtype=torch.uint8)
    got = kata.probe(display_probe, image.clone())
    out = got["out"]
    check_true(isinstance(out, torch.Tensor), f"to_display must return a tensor (got {type(out).__name__})",
               f"to_display 必须返回张量（实际得到 {type(out).__name__}）")
    with hint("image.permute(1, 2, 0) puts the channel axis last; view or reshape to (H, W, 3) keeps the bytes in "
              "their order and mixes the colours of neighbouring pixels",
              "image.permute(1, 2, 0) 把通道维放到最后；用 view 或 reshape 变成 (H, W, 3) "
              "只是按原来的字节顺序重新切分，会把相邻像素的颜色混在一起"):
        check_equal(tuple(out.shape), (shape[1], shape[2], 3), say(f"to_display(image of shape {shape}).shape",
                                                                   f"to_display(形状为 {shape} 的图片).shape"))
        check_tensor(out.to(torch.int64), image.permute(1, 2, 0).to(torch.int64),
                     say("to_display(image)", "to_display(image)"), atol=0)
    check_tensor(got["input_after"], image, say("image after to_display(image) (it must stay unchanged)",
                                                "调用 to_display(image) 之后的 image（必须保持不变）"), atol=0)
