"""ch05 · ex13 — gradient accumulation.

Goal: `accumulated_step(model, optimizer, loss_fn, x, y, k)` makes ONE optimizer step on the
batch (x, y) whose update equals one ordinary step on the whole batch, while the model only
ever sees a micro-batch at a time:
- clear the gradients first (the model may arrive holding old ones);
- split x and y into k micro-batches (1 <= k <= len(x)) of at most ceil(len(x) / k) samples
  each, e.g. with torch.tensor_split(x, k) (x.chunk(k) is fine too);
- run each micro-batch through the model once and call backward on its own loss, so the
  gradients add up in .grad and only one micro-batch's graph is alive at a time;
- scale each micro-batch's loss by its share of the batch, len(micro-batch) / len(x), so
  that uneven micro-batches are weighted right (`loss_fn` averages over the samples);
- call optimizer.step() once, at the end.
Return the whole batch's mean loss, the sum of the scaled micro-batch losses, as a Python
float.
目标：`accumulated_step(model, optimizer, loss_fn, x, y, k)` 在批次 (x, y) 上只做一次优化器更新，
这次更新要和在整个批次上做一个普通训练步完全相同，但模型每次只处理一个小批次：
- 先清空梯度（模型传进来时可能带着旧梯度）；
- 把 x 和 y 切成 k 个小批次（1 <= k <= len(x)），每个最多 ceil(len(x) / k) 个样本，例如用
  torch.tensor_split(x, k)（x.chunk(k) 也可以）；
- 每个小批次只过一次模型，并对它自己的损失调用 backward，让梯度在 .grad 中累加，同一时间
  只保留一个小批次的计算图；
- 每个小批次的损失要乘以它在整个批次中所占的比例 len(小批次) / len(x)，这样大小不均的小批次
  也能正确加权（`loss_fn` 对样本取平均）；
- 最后只调用一次 optimizer.step()。
以 Python 浮点数返回整个批次的平均损失，也就是各个小批次缩放后损失之和。

Gradient accumulation trains with a batch too large for memory: the gradient of a mean
loss is the weighted sum of the micro-batches' gradients, and backward() adds into .grad.
梯度累积可以用显存装不下的大批次来训练：平均损失的梯度等于各小批次梯度的加权和，而
backward() 本来就会往 .grad 上累加。

Example:
    >>> model = nn.Linear(5, 3)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> x, y = torch.randn(10, 5), torch.randn(10, 3)
    >>> whole = nn.MSELoss()(model(x), y).item()
    >>> abs(accumulated_step(model, optimizer, nn.MSELoss(), x, y, k=4) - whole) < 1e-6
    True
"""

import torch
from torch import nn


def accumulated_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,  # averages over the samples (reduction="mean")
    x: torch.Tensor,  # (B, in_features)
    y: torch.Tensor,  # (B, ...) targets, in the form `loss_fn` expects
    k: int,  # the number of micro-batches, 1 <= k <= B
) -> float:  # the whole batch's mean loss, before the step
    # TODO: zero_grad, then per micro-batch a scaled loss and its backward, then one step
    # (roughly 8 lines).
    raise NotImplementedError
