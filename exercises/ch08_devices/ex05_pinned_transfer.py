"""ch08 · ex05 — pinned memory and non-blocking copies (needs a CUDA GPU).

Goal: `make_loader` returns a DataLoader whose batches come in pinned (page-locked) CPU
memory; `to_device` copies a batch to `device` with `non_blocking=True`.
目标：`make_loader` 返回一个 DataLoader，它产出的批次位于锁页（pinned）CPU 内存中；
`to_device` 用 `non_blocking=True` 把一批数据复制到 `device`。

A copy from ordinary (pageable) memory to the GPU makes the CPU wait until it is done.
From pinned memory, `non_blocking=True` lets the copy run in the background while the
CPU goes on queueing work, so loading the next batch overlaps with computing this one.
PyTorch orders the copy before any kernel that uses its result on the same stream, so the
values are always right.
从普通（可分页）内存复制到 GPU 时，CPU 要等复制完成。从锁页内存复制时，
`non_blocking=True` 让复制在后台进行，CPU 接着往队列里提交任务，于是加载下一批数据和计算
当前这批可以同时进行。在同一个 CUDA 流（stream）上，PyTorch 保证复制先于使用其结果的
核函数（kernel）执行，所以数值总是正确的。

Example:
    >>> loader = make_loader(TensorDataset(torch.randn(100, 8), torch.randint(0, 3, (100,))), 32)
    >>> x, y = next(iter(loader))
    >>> x.is_pinned()
    True
    >>> x, y = to_device((x, y), torch.device("cuda"))
    >>> x.device
    device(type='cuda', index=0)
"""

import torch
from torch.utils.data import DataLoader, Dataset


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = True) -> DataLoader:
    # TODO: build the DataLoader and ask it to pin its batches (roughly 1 line).
    raise NotImplementedError


def to_device(
    batch: tuple[torch.Tensor, torch.Tensor],  # inputs (B, ...), targets (B, ...), pinned
    device: torch.device | str,
) -> tuple[torch.Tensor, torch.Tensor]:
    # TODO: copy both tensors to `device` without blocking the CPU (roughly 2 lines).
    raise NotImplementedError
