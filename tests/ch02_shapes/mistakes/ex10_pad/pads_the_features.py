"""ch02 · ex10 — padding with F.pad."""

import torch
import torch.nn.functional as F


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    return F.pad(img, (left, right, top, bottom), value=value)


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    longest = max(len(s) for s in seqs)
    return torch.stack([F.pad(s, (0, longest - len(s))) for s in seqs])  # (0, n) pads the last dim, D
