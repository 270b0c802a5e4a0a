"""ch02 · ex10 — padding with F.pad."""

import torch
import torch.nn.functional as F


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    return F.pad(img, (left, right, top, bottom), value=value)


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    longest = max(len(s) for s in seqs)
    out = torch.zeros(len(seqs), longest, seqs[0].shape[1])
    for i, s in enumerate(seqs):
        out[i, : len(s)] = s
    return out
