"""ch04 · ex10 — predictions with probabilities.

Goal: write `predict(model, x, classes)`, what you call once a classifier is trained. It
returns the predicted class name of each sample and how sure the model is of it:
- `names`: a list of B strings, `classes[i]` for the class i with the highest score;
- `probs`: a float tensor of shape (B,), the softmax probability of that predicted class
  (the softmax over the classes of each sample, not over the batch).
The model returns raw logits of shape (B, num_classes). Predict in eval mode (dropout off)
and without building an autograd graph, then leave things as you found them: the model back
in the mode it came in (training or eval), and grad mode on again.
目标：编写 `predict(model, x, classes)`，这是分类器训练好之后用来预测的函数。它返回每个样本
预测的类别名，以及模型对这个预测有多大把握：
- `names`：包含 B 个字符串的列表，即得分最高的类别 i 对应的 `classes[i]`；
- `probs`：形状为 (B,) 的浮点张量，即预测类别的 softmax 概率（对每个样本的各个类别做
  softmax，而不是对整个批量）。
模型返回形状为 (B, num_classes) 的原始 logits。请在评估模式下（关闭 dropout）、不构建计算图地
预测，结束后恢复原状：模型回到传入时的模式（训练或评估），梯度计算也重新开启。

Example:
    >>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
    >>> names, probs = predict(model, torch.randn(2, 4), ["cat", "dog", "bird"])
    >>> names                        # e.g.
    ['dog', 'cat']
    >>> probs                        # e.g.: each in (1/3, 1], the model's confidence
    tensor([0.4012, 0.3675])
    >>> model.training, torch.is_grad_enabled()
    (True, True)
"""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor, classes: list[str]) -> tuple[list[str], torch.Tensor]:
    # x: (B, ...) -> names: B strings, probs: (B,)
    # TODO: eval mode, no grad, softmax over the classes, then restore the mode (roughly 7 lines).
    raise NotImplementedError
