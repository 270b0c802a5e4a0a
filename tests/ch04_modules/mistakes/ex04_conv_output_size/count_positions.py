"""ch04 · ex04 — the output size of convolution and pooling layers."""


def conv_output_size(h: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    padded = h + 2 * padding
    span = dilation * (kernel - 1) + 1
    # the top row of every window the kernel fits in, one every stride rows
    return len(range(0, padded - span + 1, stride))
