"""ch05 · ex06 — fix: an evaluation that changes the model.

Goal: `evaluate` returns the accuracy of `model` on a list of batches and all its logits.
It has three problems: two calls give different answers, each call changes the model's
batch-norm statistics, and every forward pass builds an autograd graph nobody uses. Fix it:
- two calls on the same model and batches agree, and the model's statistics stay as they were;
- the logits come back without a graph (they need no gradient);
- the model comes back in the mode it came in (training or evaluation), so that training
  can go on after an evaluation.
目标：`evaluate` 返回 `model` 在一组批次上的准确率和全部 logits。它有三个问题：两次调用结果
不同；每次调用都会改动模型的 BatchNorm 统计量；每次前向都构建了没人用的计算图。修复它：
- 对同一个模型和同一组批次，两次调用结果一致，模型的统计量保持不变；
- 返回的 logits 不带计算图（不需要梯度）；
- 模型回到调用前的模式（训练或评估），这样评估之后还能继续训练。

Example:
    >>> model = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 3))
    >>> batches = [(torch.randn(5, 4), torch.randint(0, 3, (5,))) for _ in range(2)]
    >>> accuracy, logits = evaluate(model, batches)
    >>> logits.shape, logits.requires_grad, model.training
    (torch.Size([10, 3]), False, True)
"""

import torch
from torch import nn


def evaluate(
    model: nn.Module,  # maps (B, in) to (B, C) logits
    batches: list[tuple[torch.Tensor, torch.Tensor]],  # [(x (B, in), labels (B,) int64), ...]
) -> tuple[float, torch.Tensor]:  # (accuracy in [0, 1], logits (N, C) for all N samples)
    # TODO: find what is missing in this evaluation and fix it (roughly 9 lines,
    # the loop included).
    correct, seen, outputs = 0, 0, []
    for x, y in batches:
        logits = model(x)
        correct += (logits.argmax(dim=1) == y).sum().item()
        seen += len(y)
        outputs.append(logits)
    return correct / seen, torch.cat(outputs)
