"""ch02 · ex05 — image layout: permute, view and reshape."""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    return img.permute(1, 2, 0)  # H to position 1, W to 2, C to 0?


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(x.shape[0], -1)
