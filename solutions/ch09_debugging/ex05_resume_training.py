"""ch09 · ex05 — a checkpoint that resumes training exactly.

Goal: write `save_checkpoint`, which stores everything needed to continue a run (the
model's and the optimizer's `state_dict`, and the number of steps done), and
`load_checkpoint`, which restores them into freshly built objects and returns that number
of steps. Training 10 steps straight must give exactly the same weights as training 4
steps, saving, loading into a new model and optimizer, and training the 6 remaining steps.
目标：实现 `save_checkpoint`，保存继续训练所需的一切（模型和优化器的 `state_dict`，以及已完成
的步数）；实现 `load_checkpoint`，把它们恢复到新建的对象中并返回步数。连续训练 10 步得到的
权重，必须与“训练 4 步、保存、加载到新的模型和优化器、再训练剩下的 6 步”完全相同。

Any layout of the checkpoint will do (a dict, a tuple, ...), as long as it holds only
state_dicts, numbers and plain containers, so that it loads with
`torch.load(path, weights_only=True)`. Training goes on after `load_checkpoint`, so it
leaves the model in training mode.
检查点怎么组织都可以（dict、tuple……），只要里面只有 state_dict、数字和普通容器，
能用 `torch.load(path, weights_only=True)` 加载即可。`load_checkpoint` 之后训练还要继续，
所以模型要保持训练模式。

Adam keeps running averages of the gradients for every parameter: without the optimizer's
state, the resumed run starts those averages from zero again and drifts away.
Adam 为每个参数保存梯度的滑动平均：不恢复优化器状态，继续训练时这些平均值会从零开始，结果就会偏离。

Example:
    >>> model = nn.Linear(3, 2); optimizer = torch.optim.Adam(model.parameters())
    >>> ...                                     # train 4 steps
    >>> save_checkpoint("run.pt", model, optimizer, step=4)
    >>> model2 = nn.Linear(3, 2); optimizer2 = torch.optim.Adam(model2.parameters())
    >>> load_checkpoint("run.pt", model2, optimizer2)
    4
    >>> ...                                     # train steps 4, 5, ..., 9
"""

import torch
from torch import nn


def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, step: int) -> None:
    # TODO: save a dict of the model's state_dict, the optimizer's state_dict and step (roughly 2 lines).
    # BEGIN SOLUTION
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step}
    torch.save(state, path)  # plain tensors and numbers: loadable with weights_only=True
    # END SOLUTION


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    # TODO: load the file, restore both state_dicts, return the step (roughly 4 lines).
    # BEGIN SOLUTION
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])  # Adam's moment estimates and step counts
    return state["step"]
    # END SOLUTION
