"""ch08 · ex06 — a mixed-precision training step.

Goal: one training step with automatic mixed precision: clear the gradients, run the
forward pass and the loss under `torch.autocast` (on `x`'s device type, in `amp_dtype`),
then backward, step and update through the GradScaler. Return the loss as a float.
目标：用自动混合精度完成一步训练：清零梯度，在 `torch.autocast`（设备类型取 `x` 所在的设备，
精度为 `amp_dtype`）下做前向传播并计算损失，然后通过 GradScaler 完成反向传播、参数更新和
缩放因子的更新。以 Python 浮点数返回损失。

Under autocast, matrix multiplies run in half precision (fast on tensor cores) while
the parameters stay float32. float16 has a small range (5 exponent bits: below about 6e-5
it loses precision, below about 6e-8 it is 0), so tiny gradients would round to zero: the
scaler multiplies the loss by a large factor before backward, divides the gradients back
before the step, skips the step if they overflowed (inf/NaN), and adapts the factor.
在 autocast 下，矩阵乘法以半精度运行（在 Tensor Core 上很快），参数仍保持 float32。float16 的
表示范围很小（只有 5 位指数：小于约 6e-5 就开始损失精度，小于约 6e-8 就成了 0），很小的梯度会
被舍入成零；所以 scaler 在反向传播前把损失乘上一个很大的缩放因子，在参数更新前再把梯度除回去，
梯度溢出（inf/NaN）时跳过这一步，并动态调整缩放因子。

bfloat16 needs no loss scaling: it keeps float32's 8 exponent bits, and so float32's range
(about 1e-38 to 3e38), trading away precision instead; its gradients do not underflow, and
autocast alone is enough to train in it. A GradScaler does no harm there (it scales by powers
of two), and this kata keeps it so that one step runs both on a GPU in float16 and on a CPU
in bfloat16, which is how the tests check it without a GPU.
bfloat16 不需要损失缩放：它保留了 float32 的 8 位指数，因而与 float32 的表示范围相同（约 1e-38
到 3e38），牺牲的是精度；它的梯度不会下溢，只用 autocast 就能训练。在 bfloat16 下用 GradScaler
也没有坏处（它按 2 的幂缩放）；本题保留它，是为了让同一段代码既能在 GPU 上用 float16 运行，也能
在 CPU 上用 bfloat16 运行，测试正是借此在没有 GPU 时检查它。

Older tutorials write `torch.cuda.amp.autocast()` and `torch.cuda.amp.GradScaler()`: both are
deprecated (calling them gives a FutureWarning). Write `torch.autocast(device_type="cuda",
dtype=torch.float16)` and `torch.amp.GradScaler("cuda")` instead; here the device type is
`x.device.type`.
较早的教程写的是 `torch.cuda.amp.autocast()` 和 `torch.cuda.amp.GradScaler()`，这两个接口都已
弃用（调用时会发出 FutureWarning）。请改用 `torch.autocast(device_type="cuda",
dtype=torch.float16)` 和 `torch.amp.GradScaler("cuda")`；本题中的设备类型取 `x.device.type`。

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
    raise NotImplementedError
