"""ch06 · ex07 — a collate_fn for variable-length sequences."""

import torch
from torch.nn.utils.rnn import pad_sequence

PAD_ID = 0  # the token id used for padding


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    import torch.nn.functional as F

    longest = max(len(tokens) for tokens, _ in batch)
    padded = torch.stack([F.pad(tokens, (0, longest - len(tokens)), value=PAD_ID) for tokens, _ in batch])
    lengths = torch.as_tensor([len(tokens) for tokens, _ in batch])
    labels = torch.as_tensor([label for _, label in batch])
    return padded, lengths, labels
