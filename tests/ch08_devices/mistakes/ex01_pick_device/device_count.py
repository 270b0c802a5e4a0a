"""ch08 · ex01 — pick a device."""

import torch


def pick_device(use_gpu: bool = True) -> torch.device:
    if not use_gpu or torch.cuda.device_count() == 0:
        return torch.device("cpu")
    return torch.device("cuda", 0)
