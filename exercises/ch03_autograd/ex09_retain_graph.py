"""ch03 · ex09 — two losses, one graph: backward twice.

Goal: `two_grads(params, x, y)` returns the gradients of two losses with respect to the same
parameters, each on its own: (grads of fit_loss, grads of size_loss), two lists (tuples
are fine too) holding one tensor per parameter, in the order of `params`.
Both losses use the features h = features(params, x), which are expensive: call `features`
once and let both losses share its graph. backward() frees the graph it runs through, so a
second pass over h raises an error unless the first one keeps it: pass `retain_graph=True`.
The tidy way is `torch.autograd.grad(loss, params, retain_graph=True)`, which returns the gradients
instead of adding them into `.grad`; if you use `.backward()` instead, clear `.grad` before
each loss (old gradients may already be there) and keep copies.
目标：`two_grads(params, x, y)` 对同一组参数分别求两个损失的梯度，返回
（fit_loss 的梯度, size_loss 的梯度）。每一项是一个 list（tuple 也可以），按 `params` 的顺序，
每个参数对应一个梯度张量。
两个损失都要用到特征 h = features(params, x)，而计算它的代价很高：`features` 只能调用一次，
两个损失共用同一张计算图。backward() 结束后会释放经过的计算图，第二次反向传播再经过 h
就会报错；要让第一次反向传播保留计算图，需传入 `retain_graph=True`。
推荐用 `torch.autograd.grad(loss, params, retain_graph=True)`：它直接返回梯度，不会累加到
`.grad` 上。如果用 `.backward()`，每个损失反向传播之前都要清空 `.grad`（里面可能已有旧梯度），
并保存梯度的拷贝。

Example:
    >>> w = torch.tensor([[1.0], [0.0]], requires_grad=True)
    >>> b = torch.zeros(1, requires_grad=True)
    >>> fit, size = two_grads([w, b], torch.tensor([[1.0, 2.0]]), torch.tensor([1.0]))
    >>> fit[1], size[1]
    (tensor([-0.2002]), tensor([0.6397]))
"""

import torch


def features(params: list[torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    """The expensive shared part: h = tanh(x @ w + b) (given; do not change · 已给出，请勿修改)."""
    w, b = params
    return torch.tanh(x @ w + b)


def fit_loss(h: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """How far the features' row sums are from y (given; do not change · 已给出，请勿修改)."""
    return ((h.sum(dim=1) - y) ** 2).mean()


def size_loss(h: torch.Tensor) -> torch.Tensor:
    """A penalty that keeps the features small (given; do not change · 已给出，请勿修改)."""
    return (h**2).mean()


def two_grads(
    params: list[torch.Tensor],  # leaves that require grad, e.g. [w (D, K), b (K,)]
    x: torch.Tensor,  # (N, D)
    y: torch.Tensor,  # (N,)
) -> tuple[list[torch.Tensor], list[torch.Tensor]]:  # (d fit_loss / d params, d size_loss / d params)
    # TODO: h = features(...) once; torch.autograd.grad for each loss, keeping the graph (roughly 4 lines).
    raise NotImplementedError
