"""ch09 · ex07 — fix: a ResNet that ignores the weights it is given.

Goal: build(num_classes, weights) prints a deprecation warning, gives ImageNet weights
whatever the caller asked for, and its new head breaks as soon as the backbone is not
resnet18 or resnet34: make it build torchvision.models.resnet18 with the weights it is given
(a weights enum, or None for random weights) without any deprecation warning, replace the
model's fc by a new nn.Linear that fits the features the backbone gives and outputs
num_classes raw logits, and return the ResNet itself.
目标：build(num_classes, weights) 会打印弃用警告，不管调用者要什么权重都给 ImageNet 权重，
而且只要主干网络不是 resnet18 或 resnet34，它新换的分类头就会出错：修好它，用传进来的 weights（一
个权重枚举，或者表示随机权重的 None）构建 torchvision.models.resnet18，不能有任何弃用警告；
把模型的 fc 换成一个新的 nn.Linear，输入要和主干网络给出的特征数相符，输出 num_classes 个原始 logits；
最后返回 ResNet 本身。

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
    # TODO: fix the warning and the weights the caller gets; question every number too (roughly 2 lines).
    # BEGIN SOLUTION
    model = torchvision.models.resnet18(weights=weights)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    # END SOLUTION
    # BEGIN STUB
    # model = torchvision.models.resnet18(pretrained=True)
    # model.fc = nn.Linear(512, num_classes)
    # END STUB
    return model
