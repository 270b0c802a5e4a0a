"""ch09 · ex11 — training accuracy reported as the model's accuracy.

Goal: `train_and_evaluate` trains a classifier and returns "its accuracy". But the number it
returns is counted during the last epoch, on the training batches, while the weights were
still changing and dropout was on: it says nothing about data the model has never seen. Keep
the training loop as it is, and after it return the accuracy of the trained model on
`test_loader`: the fraction of its samples whose `model(x).argmax(dim=1)` equals the label,
as a Python float, measured after training, in eval mode (dropout off) and under
`torch.no_grad()` (or `torch.inference_mode()`), with grad mode on again afterwards.
目标：`train_and_evaluate` 训练一个分类器并返回“它的准确率”。可它返回的数字是在最后一个
epoch 里、在训练批量上统计出来的：那时权重还在不断变化，dropout 也开着，这个数字完全说明不了
模型在没见过的数据上表现如何。训练循环保持原样，训练结束后返回训练好的模型在 `test_loader`
上的准确率：`model(x).argmax(dim=1)` 等于标签的样本所占的比例，类型为 Python float；要在训练
之后、在 eval 模式下（关闭 dropout）并在 `torch.no_grad()`（或 `torch.inference_mode()`）中
计算，结束后梯度模式要重新打开。

Example:
    >>> model = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 3))
    >>> accuracy = train_and_evaluate(model, train_loader, test_loader, epochs=5, lr=0.1)
    >>> type(accuracy), 0.0 <= accuracy <= 1.0
    (<class 'float'>, True)
"""

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader


def train_and_evaluate(model: nn.Module, train_loader: DataLoader, test_loader: DataLoader,
                       epochs: int, lr: float) -> float:
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        model.train()
        correct, total = 0, 0
        for x, y in train_loader:
            optimizer.zero_grad()
            logits = model(x)
            F.cross_entropy(logits, y).backward()
            optimizer.step()
            correct += (logits.argmax(dim=1) == y).sum().item()
            total += len(y)
    # TODO: measure the trained model on the test data instead (roughly 7 lines).
    # BEGIN SOLUTION
    model.eval()  # dropout off: the model as it will be used
    correct, total = 0, 0
    with torch.no_grad():
        for x, y in test_loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            total += len(y)
    return correct / total
    # END SOLUTION
    # BEGIN STUB
    # return correct / total
    # END STUB
