"""ch09 · ex05 — a checkpoint that resumes training exactly."""

import torch
from torch import nn

def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, step: int) -> None:
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step}
    torch.save(state, path)


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state["model"])
    optimizer = torch.optim.Adam(model.parameters())  # a fresh optimizer for the loaded model
    optimizer.load_state_dict(state["optimizer"])
    return state["step"]
