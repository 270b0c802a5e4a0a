"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    for step, loss in enumerate(losses.tolist()):
        if loss != loss or loss == float("inf"):  # NaN is the only value not equal to itself
            return step
    return None
