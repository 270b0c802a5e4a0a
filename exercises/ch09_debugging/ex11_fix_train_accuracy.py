"""ch09 · ex11 — fix: an accuracy too good to be true.

Goal: train_and_evaluate reports a fine accuracy for models that do much worse on data they
have never seen: keep the training loop as it is and, after it, return the fraction of
test_loader's samples whose model(x).argmax(dim=1) equals the label, as a Python float,
measured in eval mode under torch.no_grad(), with grad mode on again afterwards.
目标：train_and_evaluate 报告的准确率看起来不错，可模型在没见过的数据上表现差得多：
保留训练循环不变，在它之后返回 test_loader 中 model(x).argmax(dim=1) 等于标签的样本所占的比例，
类型为 Python float；要在评估模式下、在 torch.no_grad() 中计算，结束后梯度模式要重新打开。

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
    # TODO: this number flatters the model: report how it does on data it has never seen (roughly 7 lines).
    return correct / total
