"""ch02 · ex05 — image layout: permute, view and reshape."""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    return img.transpose(0, 2)  # swaps H and C: (C, W, H)


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(x.shape[0], -1)
