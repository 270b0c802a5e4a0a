"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    bad = (~torch.isfinite(losses)).nonzero()
    index = int(bad[0, 0]) if len(bad) else None
    if index:
        return index
    return None
