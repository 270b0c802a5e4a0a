"""ch09 · ex05 — a checkpoint that resumes training exactly."""

import torch
from torch import nn

def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, step: int) -> None:
    checkpoint = [step, model.state_dict(), optimizer.state_dict()]
    torch.save(checkpoint, path)


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    checkpoint = torch.load(path, map_location=torch.device("cpu"))
    model.load_state_dict(checkpoint[1])
    optimizer.load_state_dict(checkpoint[2])
    return int(checkpoint[0])
