"""Hidden-reference tests for ch04 · ex04 — the output size of convolution and pooling layers."""

import random

import pytest
import torch
from torch import nn

from grader.checks import check_equal, say


def call_text(h, kernel, stride=1, padding=0, dilation=1):
    return f"conv_output_size({h}, kernel={kernel}, stride={stride}, padding={padding}, dilation={dilation})"


def real_height(layer, h):
    """The output height a real layer gives for an input of height h (and width 1)."""
    with torch.no_grad():
        return layer(torch.zeros(1, 1, h, 1)).shape[2]


def random_settings(seed, count, pool):
    rng = random.Random(seed)
    settings = []
    while len(settings) < count:
        kernel, stride, dilation = rng.randint(1, 7), rng.randint(1, 4), rng.randint(1, 3)
        padding = rng.randint(0, kernel // 2) if pool else rng.randint(0, 4)
        h = rng.randint(1, 64)
        if h + 2 * padding >= dilation * (kernel - 1) + 1:  # the layer accepts this input
            settings.append((h, kernel, stride, padding, dilation))
    return settings


# -- probes (run in the worker with the learner's module) ------------------------------


def many_probe(mod, settings):
    return [mod.conv_output_size(h, kernel=k, stride=s, padding=p, dilation=d) for h, k, s, p, d in settings]


# -- tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    ((32, 5, 1, 0, 1), 28),
    ((28, 2, 2, 0, 1), 14),
    ((224, 7, 2, 3, 1), 112),
])
def test_docstring_examples(kata, args, expected):
    h, k, s, p, d = args
    got = kata.conv_output_size(h, kernel=k, stride=s, padding=p, dilation=d)
    check_equal(got, expected, call_text(*args))


def test_uses_the_defaults_stride_1_padding_0_dilation_1(kata):
    check_equal(kata.conv_output_size(17, 4), 14, "conv_output_size(17, 4)")


def test_rounds_down_when_the_stride_does_not_fit_evenly(kata):
    check_equal(kata.conv_output_size(10, kernel=3, stride=4), 2, call_text(10, 3, 4)
                + say(" (the last partial step is dropped: floor, not round or ceil)",
                      "（最后不完整的一步要舍去：向下取整，而不是四舍五入或向上取整）"))


def test_pads_both_sides(kata):
    check_equal(kata.conv_output_size(9, kernel=5, padding=3), 11, call_text(9, 5, 1, 3)
                + say(" (padding adds rows at the top and at the bottom)", "（padding 会在上下两边都添加行）"))


def test_dilation_spreads_the_kernel(kata):
    check_equal(kata.conv_output_size(20, kernel=3, dilation=4), 12, call_text(20, 3, 1, 0, 4)
                + say(" (a 3-tap kernel with dilation 4 spans 9 rows)",
                      "（大小为 3、dilation 为 4 的卷积核横跨 9 行）"))


@pytest.mark.parametrize("seed", [0, 1])
def test_matches_nn_conv2d_over_random_settings(kata, seed):
    settings = random_settings(seed, 40, pool=False)
    got = kata.probe(many_probe, settings)
    for (h, k, s, p, d), value in zip(settings, got, strict=True):
        conv = nn.Conv2d(1, 1, kernel_size=(k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1))
        check_equal(value, real_height(conv, h),
                    call_text(h, k, s, p, d) + say(", as nn.Conv2d computes it", "（以 nn.Conv2d 的实际结果为准）"))


@pytest.mark.parametrize("seed", [2, 3])
def test_matches_nn_maxpool2d_over_random_settings(kata, seed):
    settings = random_settings(seed, 40, pool=True)
    got = kata.probe(many_probe, settings)
    for (h, k, s, p, d), value in zip(settings, got, strict=True):
        pool = nn.MaxPool2d(kernel_size=(k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1))
        check_equal(value, real_height(pool, h),
                    call_text(h, k, s, p, d)
                    + say(", as nn.MaxPool2d computes it", "（以 nn.MaxPool2d 的实际结果为准）"))
