"""ch09 · ex02 — view on a non-contiguous tensor."""

import torch

def merge_heads(x: torch.Tensor) -> torch.Tensor:
    # x: (B, heads, T, D) -> (B, T, heads * D)
    b, heads, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, heads * d)


def pixels_as_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B * H * W, C)
    c = x.shape[1]
    return x.permute(0, 3, 2, 1).reshape(-1, c)
