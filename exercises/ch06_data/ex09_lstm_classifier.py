"""ch06 · ex09 — Embedding + LSTM over padded batches.

Goal: `LSTMClassifier(vocab_size, embed_dim, hidden_size, num_classes)` classifies the
padded batches that `pad_collate` (ex07) makes. Its layers, with these names (the tests
load weights by name):
- `self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=PAD_ID)`: the padding
  id 0 maps to a zero vector that never gets a gradient;
- `self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)`: one layer, one direction;
  the batch is (B, T), so the batch comes first;
- `self.head = nn.Linear(hidden_size, num_classes)`.
`forward(padded, lengths)`: `padded` (B, T) int64 token ids, `lengths` (B,) int64 → raw
logits (B, num_classes), computed from the LSTM output at each sequence's *last real* time
step, `lengths[i] - 1`. The step T - 1 is padding for every sequence shorter than T, so a
sequence must get the same logits whatever padding follows it and whatever else is in its
batch.
目标：`LSTMClassifier(vocab_size, embed_dim, hidden_size, num_classes)` 对 `pad_collate`
（ex07）生成的补零批量做分类。各层及其名称如下（测试按名称加载权重）：
- `self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=PAD_ID)`：填充 id 0
  对应一个全零向量，而且它永远不会得到梯度；
- `self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)`：单层、单向；输入批量
  的形状是 (B, T)，批量维在前；
- `self.head = nn.Linear(hidden_size, num_classes)`。
`forward(padded, lengths)`：`padded` 是 (B, T) 的 int64 词元 id，`lengths` 是 (B,) 的
int64；返回原始 logits (B, num_classes)，取自每条序列*最后一个真实*时间步
`lengths[i] - 1` 上的 LSTM 输出。对于比 T 短的序列来说，第 T - 1 步是填充，所以无论序列
后面补了多少零、同一批量里还有哪些序列，它得到的 logits 都必须相同。

Example:
    >>> model = LSTMClassifier(vocab_size=50, embed_dim=16, hidden_size=32, num_classes=4)
    >>> padded, lengths, labels = pad_collate([(torch.tensor([5, 6, 7]), 1), (torch.tensor([8]), 0)])
    >>> model(padded, lengths).shape
    torch.Size([2, 4])
    >>> torch.allclose(model(padded, lengths)[1], model(padded[1:, :1], lengths[1:])[0], atol=1e-6)
    True
"""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence  # noqa: F401 (for the code you write)

PAD_ID = 0  # the token id used for padding


class LSTMClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int) -> None:
        super().__init__()
        # TODO: self.embedding, self.lstm and self.head (roughly 3 lines).
        raise NotImplementedError

    def forward(self, padded: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        # padded: (B, T) int64, lengths: (B,) int64 -> logits: (B, num_classes)
        # TODO: embed, run the LSTM, take each sequence's output at its last real step
        # (roughly 4 lines).
        raise NotImplementedError
