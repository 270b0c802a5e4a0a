"""ch01 · ex07 — brightening a uint8 image (find and fix the bug)."""

import torch


def brighten(image: torch.Tensor, amount: int) -> torch.Tensor:
    return (image + amount).clamp(0, 255)
