"""ch04 · ex04 — the output size of convolution and pooling layers.

Goal: return the output height H_out of `nn.Conv2d` (or `nn.MaxPool2d`, which follows the
same rule) for an input of height `h`, as an int:

    H_out = floor((h + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1

The kernel, dilated, spans dilation·(kernel − 1) + 1 rows; it fits in the padded input at
every stride-th position. Widths follow the same rule. The tests compare your function
with real layers over many random settings.
目标：对高度为 `h` 的输入，返回 `nn.Conv2d`（或遵循同一规则的 `nn.MaxPool2d`）的输出高度
H_out（int）：

    H_out = floor((h + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1

膨胀后的卷积核覆盖 dilation·(kernel − 1) + 1 行；它在补零后的输入上每次滑动 stride 行，
完整落在输入内的位置有几个，输出就有几行。
宽度的算法完全相同。测试会用大量随机参数，把你的结果与真实的层逐一对比。

Example:
    >>> conv_output_size(32, kernel=5)                      # LeNet's first conv
    28
    >>> conv_output_size(28, kernel=2, stride=2)            # a 2×2 max pool
    14
    >>> conv_output_size(224, kernel=7, stride=2, padding=3)
    112
"""


def conv_output_size(h: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    # TODO: apply the formula with integer division (roughly 2 lines).
    raise NotImplementedError
