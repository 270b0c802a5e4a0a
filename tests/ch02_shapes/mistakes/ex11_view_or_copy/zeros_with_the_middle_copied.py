"""ch02 · ex11 — a view or a copy?"""

import torch


def crop_view(img: torch.Tensor, top: int, left: int, h: int, w: int) -> torch.Tensor:
    return img[..., top : top + h, left : left + w]


def zero_border(img: torch.Tensor, k: int) -> torch.Tensor:
    out = torch.zeros_like(img)
    _, h, w = img.shape
    out[:, k : h - k, k : w - k] = img[:, k : h - k, k : w - k]
    return out
