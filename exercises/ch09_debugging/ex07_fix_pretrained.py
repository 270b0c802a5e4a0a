"""ch09 · ex07 — `pretrained=True` is gone: the `weights=` API.

Goal: `build` comes from an old tutorial: it loads a ResNet-18 with `pretrained=True` and
puts a new head for `num_classes` classes in place of `fc`, with its input size written as
512. torchvision deprecated `pretrained` in 0.13 (it warns, and may remove it): the weights
are chosen with `weights=`, an enum such as `ResNet18_Weights.DEFAULT`, or `None` for random
ones. Fix `build`: call `torchvision.models.resnet18(weights=weights)` with the `weights` it
is given (never `pretrained=`), then replace the model's `fc` by an `nn.Linear` that reads
its input size from the old `fc` (`model.fc.in_features`) and outputs `num_classes` raw
logits. Return the ResNet itself, not a wrapper around it.
目标：`build` 来自一篇旧教程：它用 `pretrained=True` 加载 ResNet-18，再把 `fc` 换成输出
`num_classes` 个类别的新分类头，输入大小直接写成了 512。torchvision 从 0.13 起弃用了
`pretrained`（会发出警告，以后可能删除）：权重改用 `weights=` 来选，传入
`ResNet18_Weights.DEFAULT` 这样的枚举，或者传 `None` 得到随机初始化的权重。修好 `build`：
用传进来的 `weights` 调用 `torchvision.models.resnet18(weights=weights)`（不要再用
`pretrained=`），然后把模型的 `fc` 换成一个新的 `nn.Linear`，它的输入大小从原来的 `fc` 读出
（`model.fc.in_features`），输出 `num_classes` 个原始 logits。返回 ResNet 本身，不要在外面
再包一层。

Example:
    >>> model = build(10, weights=None)        # ResNet18_Weights.DEFAULT for ImageNet weights
    >>> model.fc
    Linear(in_features=512, out_features=10, bias=True)
    >>> model(torch.randn(2, 3, 64, 64)).shape
    torch.Size([2, 10])
"""

import torch  # noqa: F401 (the example uses it)
import torchvision
from torch import nn


def build(num_classes: int, weights=None) -> nn.Module:
    # weights: a torchvision weights enum, or None for random weights
    # TODO: use the weights= API and size the new head from the old one (roughly 2 lines).
    model = torchvision.models.resnet18(pretrained=True)
    model.fc = nn.Linear(512, num_classes)
    return model
