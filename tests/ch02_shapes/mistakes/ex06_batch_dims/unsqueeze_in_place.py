"""ch02 · ex06 — batch and channel dims with unsqueeze and squeeze."""

import torch


def add_batch_dim(img: torch.Tensor) -> torch.Tensor:
    img.unsqueeze_(0)
    return img


def drop_batch_dim(x: torch.Tensor) -> torch.Tensor:
    return x.squeeze(0)


def scale_channels(x: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
    return x * s[None, :, None, None]
