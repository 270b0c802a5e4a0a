"""ch04 · ex04 — the output size of convolution and pooling layers."""

import math


def conv_output_size(h: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    return math.floor((h + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1)
