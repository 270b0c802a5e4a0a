"""ch02 · ex05 — image layout: permute, view and reshape."""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    return img.transpose(0, 2).transpose(1, 2)  # (C, W, H), then (C, H, W)


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    b, c, h, w = x.shape
    return x.contiguous().view(b, c * h * w)
