"""ch02 · ex10 — padding with F.pad."""

import torch
import torch.nn.functional as F


def pad_image(
    img: torch.Tensor, top: int, bottom: int, left: int, right: int, value: float = 0.0
) -> torch.Tensor:
    return F.pad(img, [left, right, top, bottom], mode="constant", value=value)


def pad_sequences(seqs: list[torch.Tensor]) -> torch.Tensor:
    return torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True)
