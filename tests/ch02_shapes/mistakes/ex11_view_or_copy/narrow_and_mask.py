"""ch02 · ex11 — a view or a copy?"""

import torch


def crop_view(img: torch.Tensor, top: int, left: int, h: int, w: int) -> torch.Tensor:
    return img.narrow(1, top, h).narrow(2, left, w)


def zero_border(img: torch.Tensor, k: int) -> torch.Tensor:
    _, h, w = img.shape
    rows = torch.arange(h)[:, None]
    cols = torch.arange(w)[None, :]
    inside = (rows >= k) & (rows < h - k) & (cols >= k) & (cols < w - k)  # (H, W)
    return img * inside  # a new tensor; the mask broadcasts over the channels
