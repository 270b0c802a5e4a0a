"""ch02 · ex10 — padding with F.pad."""

import torch
import torch.nn.functional as F


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    return F.pad(img, (left, right, top, bottom), value=value)


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    longest = max(len(s) for s in seqs)
    for i in range(len(seqs)):
        seqs[i] = F.pad(seqs[i], (0, 0, 0, longest - len(seqs[i])))
    return torch.stack(seqs)
