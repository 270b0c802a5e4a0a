"""ch09 · ex04 — load a state_dict for inference.

Goal: `save_weights` (given, correct) stores a model's `state_dict` on a GPU machine.
`load_for_inference` rebuilds the model from that file on your laptop, but it crashes with
`Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False`,
and on a CPU checkpoint its predictions change from call to call. Fix it: load the tensors
onto the CPU, load only weights (never pickled code from a file), and return the model
ready for inference. Leave the rest of the program as it was: grad mode stays on (no
`torch.set_grad_enabled(False)`).
目标：`save_weights`（已给出，正确）在一台 GPU 机器上保存了模型的 `state_dict`。
`load_for_inference` 在你的笔记本上从这个文件重建模型，却崩溃了，报错
`Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False`；
对 CPU 上保存的文件，它每次的预测结果都不一样。修好它：把张量加载到 CPU 上，只加载权重
（绝不执行文件里被 pickle 的代码），并返回可以直接推理的模型。程序的其余部分保持原样：
梯度模式仍然打开（不要调用 `torch.set_grad_enabled(False)`）。

Example:
    >>> net = TinyNet(5, 16, 3)
    >>> save_weights(net, "net.pt")
    >>> same = load_for_inference("net.pt", 5, 16, 3)
    >>> x = torch.randn(4, 5)
    >>> torch.equal(same(x), same(x)), torch.allclose(same(x), net.eval()(x))
    (True, True)
"""

import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, n_out: int):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(n_in, n_hidden),
            nn.BatchNorm1d(n_hidden),
            nn.ReLU(),
            nn.Dropout(0.5),
            nn.Linear(n_hidden, n_out),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (B, n_in) -> (B, n_out)
        return self.layers(x)


def save_weights(model: nn.Module, path: str) -> None:
    """Given: save the parameters and buffers (running means of batch norm), not the object."""
    torch.save(model.state_dict(), path)


def load_for_inference(path: str, n_in: int, n_hidden: int, n_out: int) -> TinyNet:
    model = TinyNet(n_in, n_hidden, n_out)
    # TODO: fix the crash on a CPU-only machine and the changing predictions (roughly 3 lines).
    model.load_state_dict(torch.load(path))
    return model
