"""ch02 · ex05 — image layout: permute, view and reshape."""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    return img.permute(2, 0, 1)


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    return x.view(x.shape[0], -1)
