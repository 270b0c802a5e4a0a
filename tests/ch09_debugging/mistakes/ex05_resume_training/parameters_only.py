"""ch09 · ex05 — a checkpoint that resumes training exactly."""

import torch
from torch import nn

def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, step: int) -> None:
    params = [p.detach().clone() for p in model.parameters()]
    torch.save({"params": params, "optimizer": optimizer.state_dict(), "step": step}, path)


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    state = torch.load(path, map_location="cpu", weights_only=True)
    with torch.no_grad():
        for p, saved in zip(model.parameters(), state["params"]):
            p.copy_(saved)
    optimizer.load_state_dict(state["optimizer"])
    return state["step"]
