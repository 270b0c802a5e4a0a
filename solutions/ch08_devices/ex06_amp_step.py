"""ch08 · ex06 — a mixed-precision training step.

Goal: one training step with automatic mixed precision: clear the gradients, run the
forward pass and the loss under `torch.autocast` (on `x`'s device type, in `amp_dtype`),
then backward, step and update through the GradScaler. Return the loss as a float.
目标：用自动混合精度完成一步训练：清零梯度，在 `torch.autocast`（用 `x` 所在设备的类型、
`amp_dtype` 精度）下做前向传播并计算损失，然后通过 GradScaler 完成反向传播、参数更新和
缩放因子更新。以 Python 浮点数返回损失。

Under autocast, matrix multiplies run in half precision (fast on tensor cores) while
the parameters stay float32. float16 has a small range: tiny gradients would round to
zero, so the scaler multiplies the loss by a large factor before backward, divides the
gradients back before the step, skips the step if they overflowed (inf/NaN), and adapts
the factor. The same code runs on a GPU (float16) and on a CPU (bfloat16), which is how
the tests check it without a GPU.
在 autocast 下，矩阵乘法以半精度运行（在 tensor core 上很快），参数仍是 float32。
float16 的范围很小：很小的梯度会被舍入成零，所以 scaler 在反向传播前把损失乘上一个大
因子，在参数更新前把梯度除回去，梯度溢出（inf/NaN）时跳过这一步，并调整这个因子。
同一份代码可以在 GPU（float16）和 CPU（bfloat16）上运行，测试正是借此在没有 GPU 时检查它。

Example:
    >>> model = nn.Linear(8, 3).cuda()
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> scaler = torch.amp.GradScaler("cuda")
    >>> x, y = torch.randn(16, 8, device="cuda"), torch.randint(0, 3, (16,), device="cuda")
    >>> loss = amp_step(model, optimizer, scaler, x, y, torch.float16)
    >>> type(loss), scaler.get_scale()
    (<class 'float'>, 65536.0)
"""

import torch
import torch.nn.functional as F  # noqa: F401 (for the code you write)
from torch import nn


def amp_step(
    model: nn.Module,  # (B, n_in) -> (B, n_classes) logits, on x's device
    optimizer: torch.optim.Optimizer,
    scaler: torch.amp.GradScaler,
    x: torch.Tensor,  # (B, n_in)
    y: torch.Tensor,  # (B,) class indices
    amp_dtype: torch.dtype,  # torch.float16 on a GPU, torch.bfloat16 on a CPU
) -> float:
    # TODO: zero_grad; forward + cross-entropy under autocast; scale, backward, step, update
    # (roughly 7 lines).
    # BEGIN SOLUTION
    optimizer.zero_grad()
    with torch.autocast(device_type=x.device.type, dtype=amp_dtype):
        loss = F.cross_entropy(model(x), y)  # autocast computes the loss itself in float32
    scaler.scale(loss).backward()  # a scaled loss keeps small float16 gradients from vanishing
    scaler.step(optimizer)  # unscales the gradients; skips the step if any is inf or NaN
    scaler.update()  # grows the scale after good steps, shrinks it after an overflow
    return loss.item()
    # END SOLUTION
