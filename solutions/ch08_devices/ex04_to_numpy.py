"""ch08 · ex04 — a tensor to NumPy, from any device.

Goal: return `t`'s values as a NumPy array with the same shape and dtype, whether `t`
lives on the GPU, requires grad, or both.
目标：把 `t` 的值作为形状和 dtype 都相同的 NumPy 数组返回，无论 `t` 在 GPU 上、
需要梯度，还是两者兼有。

NumPy only reads CPU memory and knows nothing of autograd, so `t.numpy()` refuses a CUDA
tensor ("can't convert cuda:0 device type tensor to numpy") and a tensor that requires
grad ("Can't call numpy() on Tensor that requires grad"). This is what you meet when you
plot a GPU model's predictions or hand them to scikit-learn.
NumPy 只能读取 CPU 内存，也不了解自动求导，所以 `t.numpy()` 会拒绝 CUDA 张量
（报错“can't convert cuda:0 device type tensor to numpy”）和需要梯度的张量
（报错“Can't call numpy() on Tensor that requires grad”）。当你要把 GPU 上模型的预测画成图，
或者交给 scikit-learn 处理时，就会碰到这两个问题。

Example:
    >>> w = torch.ones(2, 3, device="cuda", requires_grad=True)
    >>> to_numpy(w * 2)
    array([[2., 2., 2.],
           [2., 2., 2.]], dtype=float32)
"""

import numpy as np
import torch


def to_numpy(t: torch.Tensor) -> np.ndarray:  # (...) on any device -> (...) ndarray
    # TODO: leave the autograd graph, copy to the CPU, then convert (roughly 1 line).
    # BEGIN SOLUTION
    return t.detach().cpu().numpy()  # detach: no graph; cpu: NumPy reads host memory only
    # END SOLUTION
