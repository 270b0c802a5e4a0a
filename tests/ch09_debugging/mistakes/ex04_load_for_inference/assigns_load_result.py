"""ch09 · ex04 — load a state_dict for inference."""

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
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.eval()
    model = model.load_state_dict(state)
    return model
