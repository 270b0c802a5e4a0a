"""ch06 · ex09 — Embedding + LSTM over padded batches."""

import torch
from torch import nn

PAD_ID = 0


class LSTMClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=PAD_ID)
        self.lstm = nn.LSTM(input_size=embed_dim, hidden_size=hidden_size, num_layers=1, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, padded: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        embedded = self.embedding(padded)
        finals = []
        for i, n in enumerate(lengths.tolist()):
            _, (h_n, _) = self.lstm(embedded[i : i + 1, :n])  # this sequence alone, without its padding
            finals.append(h_n[-1, 0])
        return self.head(torch.stack(finals))
