"""ch02 · ex09 — cat or stack?"""

import torch


def join_batches(batches: list[torch.Tensor]) -> torch.Tensor:
    return torch.cat(batches, dim=0)


def stack_frames(frames: list[torch.Tensor]) -> torch.Tensor:
    return torch.cat(frames)  # frames end to end: (T * H, W)


def side_by_side(left: torch.Tensor, right: torch.Tensor) -> torch.Tensor:
    return torch.cat([left, right], dim=1)
