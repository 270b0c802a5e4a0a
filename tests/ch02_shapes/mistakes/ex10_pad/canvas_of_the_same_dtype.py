"""ch02 · ex10 — padding with F.pad."""

import torch


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    c, h, w = img.shape
    out = img.new_full((c, top + h + bottom, left + w + right), value)
    out[:, top : top + h, left : left + w] = img
    return out


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    longest = max(s.shape[0] for s in seqs)
    out = torch.zeros(len(seqs), longest, seqs[0].shape[1], dtype=seqs[0].dtype)
    for i, s in enumerate(seqs):
        out[i, : s.shape[0]] = s
    return out
