"""ch06 · ex07 — a collate_fn for variable-length sequences."""

import torch
from torch.nn.utils.rnn import pad_sequence

PAD_ID = 0  # the token id used for padding


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    sequences = [tokens for tokens, _ in batch]
    padded = pad_sequence(sequences, batch_first=True, padding_value=PAD_ID)
    lengths = torch.tensor([len(s) for s in sequences])
    labels = torch.Tensor([label for _, label in batch])
    return padded, lengths, labels
