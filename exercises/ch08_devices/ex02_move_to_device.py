"""ch08 · ex02 — move a model and a batch to a device.

Goal: `move_batch` returns the batch's inputs and targets on `device`; `forward_on` moves
`model` and the batch to `device` and returns the model's output there.
目标：`move_batch` 返回移到 `device` 上的输入和标签；`forward_on` 把 `model` 和这批数据
都移到 `device` 上，并返回模型在该设备上的输出。

Mind the difference: `model.to(device)` moves the module in place (and returns it), but
`x.to(device)` returns a *new* tensor and leaves `x` where it was. Every tensor an op
touches must be on the same device, or PyTorch raises "Expected all tensors to be on the
same device". The tests use the "meta" device (tensors with a shape but no data), so
they check your device logic without a GPU.
注意区别：`model.to(device)` 原地移动模块（并返回它），而 `x.to(device)` 返回一个*新*张量，
`x` 本身留在原处。一次运算涉及的所有张量都必须在同一个设备上，否则 PyTorch 会报错
“Expected all tensors to be on the same device”。测试使用 `meta` 设备（其上的张量只有形状、
没有数据），不需要 GPU 也能检查你处理设备的逻辑。

Example:
    >>> model = nn.Linear(4, 3)
    >>> x, y = move_batch((torch.randn(8, 4), torch.tensor([0, 2, 1, 0, 1, 2, 0, 1])), "meta")
    >>> x.device, y.device
    (device(type='meta'), device(type='meta'))
    >>> forward_on(model, (torch.randn(8, 4), torch.zeros(8)), "meta").shape
    torch.Size([8, 3])
    >>> next(model.parameters()).device
    device(type='meta')
"""

import torch
from torch import nn


def move_batch(
    batch: tuple[torch.Tensor, torch.Tensor],  # inputs (B, ...), targets (B, ...)
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: return a tuple (inputs, targets), both on `device` (roughly 2 lines).
    raise NotImplementedError


def forward_on(
    model: nn.Module,
    batch: tuple[torch.Tensor, torch.Tensor],  # inputs (B, ...), targets (B, ...)
    device: torch.device | str,
) -> torch.Tensor:  # model(inputs), on `device`
    # TODO: move the model, move the batch with move_batch, run the model (roughly 3 lines).
    raise NotImplementedError
