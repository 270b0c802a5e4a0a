"""ch02 · ex06 — batch and channel dims with unsqueeze and squeeze."""

import torch


def add_batch_dim(img: torch.Tensor) -> torch.Tensor:
    return img.unsqueeze(0)


def drop_batch_dim(x: torch.Tensor) -> torch.Tensor:
    return x.squeeze()  # also drops C = 1, H = 1 or W = 1


def scale_channels(x: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
    return x * s[None, :, None, None]
