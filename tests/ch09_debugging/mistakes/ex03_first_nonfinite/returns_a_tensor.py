"""ch09 · ex03 — find the step where the loss blew up."""

import torch


def first_nonfinite(losses: torch.Tensor) -> int | None:
    # losses: (steps,) floating point
    bad = (~torch.isfinite(losses)).nonzero()
    if len(bad) == 0:
        return None
    return bad[0, 0]
