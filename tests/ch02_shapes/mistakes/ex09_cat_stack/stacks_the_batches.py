"""ch02 · ex09 — cat or stack?"""

import torch


def join_batches(batches: list[torch.Tensor]) -> torch.Tensor:
    return torch.stack(batches)  # a new dim instead of longer rows


def stack_frames(frames: list[torch.Tensor]) -> torch.Tensor:
    return torch.stack(frames, dim=0)


def side_by_side(left: torch.Tensor, right: torch.Tensor) -> torch.Tensor:
    return torch.cat([left, right], dim=1)
