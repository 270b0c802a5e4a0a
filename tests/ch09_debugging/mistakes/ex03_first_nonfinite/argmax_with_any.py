"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    bad = ~torch.isfinite(losses)
    if not bad.any():
        return None
    return bad.int().argmax().item()  # argmax gives the first of the equal maxima
