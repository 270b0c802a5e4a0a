"""ch07 · ex02 — a classifier for MNIST.

Goal: return a model that maps a batch of images `(B, 1, 28, 28)` to 10 logits `(B, 10)`,
one score per digit. An MLP (flatten, 784 → 128 → 10 with ReLU) or a small CNN both do.
Return raw scores (logits): no softmax at the end, `CrossEntropyLoss` applies it itself.
Keep it under 5 million parameters.
目标：返回一个模型，把一批图片 `(B, 1, 28, 28)` 映射成 10 个 logits `(B, 10)`，每个数字一个分数。
MLP（展平，784 → 128 → 10，中间用 ReLU）或小型 CNN 都可以。输出原始分数（logits）：最后不要
softmax，`CrossEntropyLoss` 会自己做。参数量不超过 500 万。

Example:
    >>> model = build_model()
    >>> model(torch.zeros(8, 1, 28, 28)).shape
    torch.Size([8, 10])
"""

from torch import nn


def build_model() -> nn.Module:
    # TODO: an nn.Sequential that flattens and maps 784 -> 128 -> 10 (roughly 6 lines).
    raise NotImplementedError
