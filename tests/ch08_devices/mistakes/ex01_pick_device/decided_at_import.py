"""ch08 · ex01 — pick a device."""

import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def pick_device(use_gpu: bool = True) -> torch.device:
    if use_gpu:
        return DEVICE
    return torch.device("cpu")
