"""ch09 · ex08 — fix: an accuracy above 100 %.

Goal: accuracy gives values far above 1, as a tensor, and costs memory with every batch:
return the fraction of the loader's samples whose outputs.argmax(dim=1) equals the label, as
a Python float (the last, smaller batch counts too); its forward passes must record nothing
for autograd, grad mode must be as it was afterwards, and a model in eval mode stays in eval
mode.
目标：accuracy 返回的值远大于 1，类型还是张量，而且每个批量都要多占一些内存：让它返回 loader 中
outputs.argmax(dim=1) 等于标签的样本所占的比例，类型为 Python float（最后那个较小的批量也算在内）；
其中的前向传播不能为自动求导记录任何东西，结束后梯度模式要和原来一样；处于 eval 模式的模型结束
后仍要处于 eval 模式。

Example:
    >>> x = torch.randn(10, 4); y = torch.randint(0, 3, (10,))
    >>> loader = DataLoader(TensorDataset(x, y), batch_size=4)     # batches of 4, 4 and 2
    >>> accuracy(nn.Linear(4, 3).eval(), loader)
    0.3
"""

import torch
from torch import nn
from torch.utils.data import DataLoader


def accuracy(model: nn.Module, loader: DataLoader) -> float:
    # loader yields (inputs, labels); model(inputs): (B, C) logits
    # TODO: fix the result (a tensor, often above 1) and the memory it costs (roughly 8 lines).
    correct = 0
    for inputs, labels in loader:
        outputs = model(inputs)
        _, predicted = torch.max(outputs.data, 1)
        correct += (predicted == labels).sum()
    return correct / len(loader)
