"""ch09 · ex02 — view on a non-contiguous tensor."""

import torch

def merge_heads(x: torch.Tensor) -> torch.Tensor:
    # x: (B, heads, T, D) -> (B, T, heads * D)
    return torch.cat(x.unbind(dim=1), dim=-1)  # head 0, then head 1, ... along the last axis


def pixels_as_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B * H * W, C)
    return x.movedim(1, -1).flatten(0, 2)
