"""ch02 · ex11 — a view or a copy?"""

import torch


def crop_view(img: torch.Tensor, top: int, left: int, h: int, w: int) -> torch.Tensor:
    return img[:, top : top + h, left : left + w]


def zero_border(img: torch.Tensor, k: int) -> torch.Tensor:
    if k == 0:
        return img  # nothing to zero
    out = img.clone()
    out[:, :k, :] = 0
    out[:, -k:, :] = 0
    out[:, :, :k] = 0
    out[:, :, -k:] = 0
    return out
