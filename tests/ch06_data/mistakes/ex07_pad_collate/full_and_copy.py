"""ch06 · ex07 — a collate_fn for variable-length sequences."""

import torch
from torch.nn.utils.rnn import pad_sequence

PAD_ID = 0  # the token id used for padding


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    tokens, labels = zip(*batch)
    lengths = torch.tensor([t.numel() for t in tokens], dtype=torch.long)
    padded = torch.full((len(tokens), int(lengths.max())), PAD_ID, dtype=torch.long)
    for row, t in enumerate(tokens):
        padded[row, : len(t)] = t
    return padded, lengths, torch.tensor(labels, dtype=torch.long)
