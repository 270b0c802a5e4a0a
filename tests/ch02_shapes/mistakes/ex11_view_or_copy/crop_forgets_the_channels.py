"""ch02 · ex11 — a view or a copy?"""

import torch


def crop_view(img: torch.Tensor, top: int, left: int, h: int, w: int) -> torch.Tensor:
    return img[top : top + h, left : left + w]  # slices C and H, not H and W


def zero_border(img: torch.Tensor, k: int) -> torch.Tensor:
    out = img.clone()
    _, h, w = out.shape
    out[:, :k, :] = 0
    out[:, h - k :, :] = 0
    out[:, :, :k] = 0
    out[:, :, w - k :] = 0
    return out
