"""ch04 · ex09 — transfer learning: a new head on a trained backbone.

Goal: write `adapt(model, num_classes, lr=0.01)`, which prepares a network trained on one
task for another with `num_classes` classes, the way you fine-tune a torchvision ResNet:
1. freeze every parameter the model already has (`requires_grad=False`), BatchNorm layers
   included, so training leaves the backbone as it is;
2. replace the final layer `model.fc` with a new `nn.Linear` whose number of inputs is read
   from the old layer (`model.fc.in_features`: 512 for a ResNet-18, other sizes for other
   backbones) and whose outputs are `num_classes`; the new layer stays trainable;
3. return `(model, optimizer)`, the optimizer (any kind, learning rate `lr`) holding the new
   head's parameters and nothing else.
Change the model you are given (or a copy of it): never build or download another one.
目标：编写 `adapt(model, num_classes, lr=0.01)`，把一个在某个任务上训练好的网络改造成用于
`num_classes` 个类别的新任务，就像微调 torchvision 的 ResNet 那样：
1. 冻结模型已有的全部参数（`requires_grad=False`），BatchNorm 层也不例外，这样训练时主干网络
   保持不变；
2. 把最后一层 `model.fc` 换成一个新的 `nn.Linear`：输入个数从旧层读出
   （`model.fc.in_features`：ResNet-18 是 512，别的主干网络各不相同），输出个数为
   `num_classes`；新层保持可训练；
3. 返回 `(model, optimizer)`，其中优化器（种类不限，学习率为 `lr`）只包含新输出层的参数。
请修改传入的模型（或它的副本）：不要另建模型，更不要下载预训练权重。

No network here: in the tests and examples the backbone comes without pretrained weights
(`resnet18(weights=None)`, or a small model of the tests' own with an `fc`).
这里没有网络：测试和示例中的主干网络都不带预训练权重（`resnet18(weights=None)`，
或测试自带的、同样以 `fc` 结尾的小模型）。

Example:
    >>> from torchvision.models import resnet18
    >>> model, optimizer = adapt(resnet18(weights=None), num_classes=3)
    >>> model.fc
    Linear(in_features=512, out_features=3, bias=True)
    >>> sum(p.numel() for p in model.parameters() if p.requires_grad)   # 512 * 3 + 3
    1539
    >>> sum(p.numel() for group in optimizer.param_groups for p in group["params"])
    1539
"""

import torch
from torch import nn


def adapt(model: nn.Module, num_classes: int, lr: float = 0.01) -> tuple[nn.Module, torch.optim.Optimizer]:
    model.requires_grad_(False)
    model.fc = nn.Linear(in_features=model.fc.in_features, out_features=num_classes)
    trainable = [p for p in model.parameters() if p.requires_grad]
    return model, torch.optim.Adam(trainable, lr=lr)
