"""ch08 · ex01 — pick a device."""

import torch


def pick_device(use_gpu: bool = True) -> torch.device:
    if use_gpu and torch.cuda.is_available():
        return torch.device("gpu")
    return torch.device("cpu")
