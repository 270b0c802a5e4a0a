"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    return int((~torch.isfinite(losses)).int().argmax())
