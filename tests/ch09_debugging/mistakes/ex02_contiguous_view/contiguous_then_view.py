"""ch09 · ex02 — view on a non-contiguous tensor."""

import torch

def merge_heads(x: torch.Tensor) -> torch.Tensor:
    # x: (B, heads, T, D) -> (B, T, heads * D)
    b, heads, t, d = x.shape
    return x.permute(0, 2, 1, 3).contiguous().view(b, t, -1)


def pixels_as_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B * H * W, C)
    b, c, h, w = x.shape
    return x.view(b, c, h * w).transpose(1, 2).contiguous().view(b * h * w, c)
