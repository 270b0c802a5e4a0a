"""ch09 · ex02 — view on a non-contiguous tensor."""

import torch

def merge_heads(x: torch.Tensor) -> torch.Tensor:
    # x: (B, heads, T, D) -> (B, T, heads * D)
    b, heads, t, d = x.shape
    return x.reshape(b, t, heads * d)  # no transpose, no crash


def pixels_as_rows(x: torch.Tensor) -> torch.Tensor:
    # x: (B, C, H, W) -> (B * H * W, C)
    c = x.shape[1]
    return x.permute(0, 2, 3, 1).reshape(-1, c)
