"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    import math

    for step, loss in enumerate(losses.tolist()):
        if not math.isfinite(loss):
            return step
    return None
