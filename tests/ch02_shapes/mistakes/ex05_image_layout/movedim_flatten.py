"""ch02 · ex05 — image layout: permute, view and reshape."""

import torch


def hwc_to_chw(img: torch.Tensor) -> torch.Tensor:
    return img.movedim(-1, 0)


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    return torch.flatten(x, start_dim=1)
