"""ch07 · ex04 — evaluation.

Goal: return the accuracy of `model` on `loader` as a fraction in [0, 1]: the number of
images whose highest logit is the right label, divided by the number of images. Switch
the model to eval mode (dropout off) and compute without gradients (`torch.no_grad()`).
Careful: the last batch may be smaller than the others.
When it returns, gradients must be on again (a `with torch.no_grad():` block sees to that;
`torch.set_grad_enabled(False)` on its own does not), and a model that came in eval mode
must still be in eval mode (leave it in eval mode, or give it back the mode it came in).
目标：返回 `model` 在 `loader` 上的准确率（[0, 1] 之间的小数）：最高 logit 对应正确标签的
图片数除以图片总数。把模型切换到 eval 模式（关闭 dropout），并在不计算梯度的情况下
（`torch.no_grad()`）计算。注意：最后一批可能比其他批次小。
返回时梯度计算必须重新打开（`with torch.no_grad():` 代码块会自动恢复；单独调用
`torch.set_grad_enabled(False)` 则不会），传进来时处于 eval 模式的模型结束后仍要处于 eval 模式
（让它停在 eval 模式，或者恢复它传进来时的模式都可以）。

Example:
    >>> evaluate(model, test_loader)
    0.9781
"""

import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate(model: nn.Module, loader: DataLoader) -> float:
    # TODO: model.eval(), torch.no_grad(), count correct argmax predictions (roughly 7 lines).
    # BEGIN SOLUTION
    model.eval()  # dropout off, batch norm uses its running statistics
    correct = total = 0
    with torch.no_grad():  # no graph: faster, less memory
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
            total += len(labels)
    return correct / total
    # END SOLUTION
