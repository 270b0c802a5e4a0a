"""ch02 · ex09 — cat or stack?

Goal: `torch.cat` joins tensors along a dim they already have; `torch.stack` adds a new dim.
- `join_batches(batches)`: batches of sizes (B_i, D) -> one batch (B_1 + B_2 + ..., D).
- `stack_frames(frames)`: T frames, each (H, W) -> a clip (T, H, W).
- `side_by_side(left, right)`: images (H, W1) and (H, W2) -> (H, W1 + W2), left first.
目标：`torch.cat` 沿已有的维度拼接张量；`torch.stack` 新增一个维度再堆叠。
- `join_batches(batches)`：大小为 (B_i, D) 的若干批 -> 一个批 (B_1 + B_2 + ..., D)。
- `stack_frames(frames)`：T 帧，每帧 (H, W) -> 一段视频 (T, H, W)。
- `side_by_side(left, right)`：图像 (H, W1) 和 (H, W2) -> (H, W1 + W2)，左图在前。

Example:
    >>> join_batches([torch.zeros(2, 5), torch.zeros(3, 5)]).shape
    torch.Size([5, 5])
    >>> stack_frames([torch.zeros(4, 6)] * 3).shape
    torch.Size([3, 4, 6])
    >>> side_by_side(torch.zeros(4, 2), torch.zeros(4, 3)).shape
    torch.Size([4, 5])
"""

import torch


def join_batches(batches: list[torch.Tensor]) -> torch.Tensor:
    # batches: list of (B_i, D) -> (sum of B_i, D)
    # TODO: one call (roughly 1 line).
    raise NotImplementedError


def stack_frames(frames: list[torch.Tensor]) -> torch.Tensor:
    # frames: list of T tensors (H, W) -> (T, H, W)
    # TODO: one call (roughly 1 line).
    raise NotImplementedError


def side_by_side(left: torch.Tensor, right: torch.Tensor) -> torch.Tensor:
    # left: (H, W1), right: (H, W2) -> (H, W1 + W2)
    # TODO: one call (roughly 1 line).
    raise NotImplementedError
