"""ch06 · ex07 — a collate_fn for variable-length sequences."""

import torch
from torch.nn.utils.rnn import pad_sequence

PAD_ID = 0  # the token id used for padding


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    sequences = [tokens for tokens, _ in batch]
    longest = max(len(s) for s in sequences)
    padded = torch.stack([
        torch.cat([torch.full((longest - len(s),), PAD_ID, dtype=s.dtype), s]) for s in sequences
    ])
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
