"""ch06 · ex07 — a collate_fn for variable-length sequences.

Goal: write `pad_collate(batch)` for `DataLoader(..., collate_fn=pad_collate)`. Each
sample is (tokens, label): a 1-D int64 tensor of token ids whose length varies, and an int.
The default collate stacks samples and fails on different lengths; return instead
- `padded`: (B, L_max) int64, each sequence followed by `PAD_ID` up to the longest
  sequence *in this batch*;
- `lengths`: (B,) int64, each sequence's length before padding (so a model can ignore the
  padding);
- `labels`: (B,) int64.
目标：为 `DataLoader(..., collate_fn=pad_collate)` 编写 `pad_collate(batch)`。每个样本是
(tokens, label)：长度不一的一维 int64 词元 id 张量，以及一个 int。默认的 collate 会把样本
堆叠起来，长度不同就会出错；请改为返回
- `padded`：(B, L_max) int64，每条序列后面用 `PAD_ID` 填充到*本批次*最长序列的长度；
- `lengths`：(B,) int64，每条序列填充前的长度（模型可据此忽略填充部分）；
- `labels`：(B,) int64。

Example:
    >>> batch = [(torch.tensor([5, 6, 7]), 1), (torch.tensor([8]), 0)]
    >>> padded, lengths, labels = pad_collate(batch)
    >>> padded
    tensor([[5, 6, 7],
            [8, 0, 0]])
    >>> lengths, labels
    (tensor([3, 1]), tensor([1, 0]))
"""

import torch
from torch.nn.utils.rnn import pad_sequence  # noqa: F401 (for the code you write)

PAD_ID = 0  # the token id used for padding


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    # batch: B pairs (tokens: (L_i,) int64, label: int)
    # returns (padded: (B, L_max) int64, lengths: (B,) int64, labels: (B,) int64)
    # TODO: pad the sequences, measure their lengths, gather the labels (roughly 5 lines).
    raise NotImplementedError
