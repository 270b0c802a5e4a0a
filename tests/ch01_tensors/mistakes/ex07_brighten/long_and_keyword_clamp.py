"""ch01 · ex07 — brightening a uint8 image (find and fix the bug)."""

import torch


def brighten(image: torch.Tensor, amount: int) -> torch.Tensor:
    brighter = torch.clamp(image.long() + amount, min=0, max=255)
    return brighter.to(image.dtype)
