"""ch01 · ex07 — brightening a uint8 image (find and fix the bug)."""

import torch


def brighten(image: torch.Tensor, amount: int) -> torch.Tensor:
    wide = image.to(torch.int16) + amount
    return wide.clamp(min=0).to(torch.uint8)
