"""ch06 · ex09 — Embedding + LSTM over padded batches."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

PAD_ID = 0


class LSTMClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=PAD_ID)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, padded: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(self.embedding(padded), lengths, batch_first=True)
        _, (h_n, _) = self.lstm(packed)
        return self.head(h_n[-1])
