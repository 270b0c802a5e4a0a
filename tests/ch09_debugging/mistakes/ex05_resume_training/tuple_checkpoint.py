"""ch09 · ex05 — a checkpoint that resumes training exactly."""

import torch
from torch import nn

def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, step: int) -> None:
    torch.save((model.state_dict(), optimizer.state_dict(), step), path)


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    model_state, optimizer_state, step = torch.load(path, weights_only=True)
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return step
