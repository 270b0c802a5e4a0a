"""ch09 · ex10 — fix: a model that answers differently every time.

Goal: Classifier gives two different outputs for the same x, its output layer is missing
from state_dict(), and training never improves it: make the same input give the same output,
with the output layer registered, trained and saved as self.out = nn.Linear(n_hidden,
n_out); forward returns the raw logits self.out(relu(self.hidden(x))).
目标：Classifier 对同一个 x 给出两个不同的输出，它的输出层不在 state_dict() 里，
训练也从来改善不了这一层：修好它，让同一个输入得到同样的输出，输出层以 self.out = nn.Linear(n_hidden,
n_out) 的形式注册、训练和保存；forward 返回原始 logits self.out(relu(self.hidden(x)))。

Example:
    >>> model = Classifier(4, 8, 3)
    >>> x = torch.randn(5, 4)
    >>> torch.equal(model(x), model(x))
    True
    >>> list(model.state_dict())
    ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']
"""

import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        # TODO: outputs change at every call, and the output layer is never trained or saved (roughly 1 line).
        # BEGIN SOLUTION
        self.out = nn.Linear(n_hidden, n_out)  # an attribute: registered, so trained and saved
        # END SOLUTION
        # BEGIN STUB
        # self.n_hidden, self.n_out = n_hidden, n_out
        # END STUB

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out) raw logits
        h = torch.relu(self.hidden(x))
        # TODO: the other half of the fix (roughly 1 line).
        # BEGIN SOLUTION
        return self.out(h)
        # END SOLUTION
        # BEGIN STUB
        # out = nn.Linear(self.n_hidden, self.n_out)
        # return out(h)
        # END STUB
