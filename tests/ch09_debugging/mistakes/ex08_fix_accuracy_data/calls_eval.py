"""ch09 · ex08 — accuracy from `outputs.data`.

Goal: `accuracy` is copied from an old tutorial: it takes `torch.max(outputs.data, 1)`, adds
up the correct predictions as a tensor, and divides by `len(loader)`. It returns a tensor
instead of a number, and far too big a value: `len(loader)` is the number of batches, not of
samples. `.data` is a relic of the days before tensors tracked gradients; the forward pass
still builds a graph nobody uses. Fix it: return the fraction of the samples of `loader`
whose predicted class (`outputs.argmax(dim=1)`) equals the label, as a Python float between
0 and 1, counting the last, smaller batch too; run the model under `torch.no_grad()` (or
`torch.inference_mode()`), and leave grad mode as it was afterwards. The model is already in
eval mode; calling `model.eval()` again is fine, switching it to training mode is not.
目标：`accuracy` 抄自一篇旧教程：它用 `torch.max(outputs.data, 1)` 求预测，把预测正确的个数
累加成一个张量，再除以 `len(loader)`。结果返回的是张量而不是数字，而且数值大得离谱：
`len(loader)` 是批量的个数，不是样本的个数。`.data` 是张量还不能跟踪梯度那个年代留下的写法；
前向传播照样会建出一张没人用的计算图。修好它：返回 `loader` 中预测类别
（`outputs.argmax(dim=1)`）等于标签的样本所占的比例，是一个 0 到 1 之间的 Python float，
最后那个较小的批量也要算进去；在 `torch.no_grad()`（或 `torch.inference_mode()`）下运行模型，
结束后梯度模式要恢复原样。模型已经处于 eval 模式；再调用一次 `model.eval()` 没关系，但不要把它切换到训练模式。

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
    model.eval()  # dropout off, batch norm on its running statistics
    correct, total = 0, 0
    with torch.no_grad():  # no graph: evaluation never calls backward
        for inputs, labels in loader:
            predicted = model(inputs).argmax(dim=1)
            correct += (predicted == labels).sum().item()
            total += len(labels)  # the last batch may be smaller than the others
    return correct / total
