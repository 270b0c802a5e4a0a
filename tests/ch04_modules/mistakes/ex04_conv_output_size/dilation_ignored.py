"""ch04 · ex04 — the output size of convolution and pooling layers."""


def conv_output_size(h: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    return (h + 2 * padding - kernel) // stride + 1
