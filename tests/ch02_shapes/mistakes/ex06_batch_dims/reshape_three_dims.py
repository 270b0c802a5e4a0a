"""ch02 · ex06 — batch and channel dims with unsqueeze and squeeze."""

import torch


def add_batch_dim(img: torch.Tensor) -> torch.Tensor:
    return img.reshape(1, *img.shape)


def drop_batch_dim(x: torch.Tensor) -> torch.Tensor:
    return x.squeeze(dim=0)


def scale_channels(x: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
    return x * s.reshape(-1, 1, 1)  # (C, 1, 1) lines up with (C, H, W)
