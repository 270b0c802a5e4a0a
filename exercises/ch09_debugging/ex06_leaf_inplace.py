"""ch09 · ex06 — updating a leaf tensor that requires grad.

Goal: `fit_line` trains w and b by hand-written gradient descent on the mean squared error,
but the first update crashes with `a leaf Variable that requires grad is being used in an
in-place operation`. Autograd refuses to record an in-place change to a tensor whose
gradient it is computing. Fix the update so it happens outside autograd, keeping w and b
the same leaf tensors (they must still require grad when returned), and grad mode on again
once `fit_line` returns.
目标：`fit_line` 用手写的梯度下降（均方误差）训练 w 和 b，但第一次更新就崩溃，报错
`a leaf Variable that requires grad is being used in an in-place operation`。autograd 拒绝记录
对正在求梯度的张量的原地修改。修好参数更新，让它在 autograd 之外进行，并保持 w 和 b 是同一个
叶子张量（返回时仍需 requires_grad），并且 `fit_line` 返回后梯度模式要重新打开。

Example:
    >>> x = torch.tensor([[1.0], [2.0], [3.0]]); y = torch.tensor([3.0, 5.0, 7.0])
    >>> w, b = fit_line(x, y, steps=2000, lr=0.05)
    >>> w, b          # y = 2x + 1
    (tensor([2.0000], requires_grad=True), tensor(1.0000, requires_grad=True))
"""

import torch


def fit_line(x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    # x: (N, D), y: (N,) -> w: (D,), b: () scalar
    w = torch.zeros(x.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        # TODO: fix the crash in the update (roughly 3 lines).
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w, b
