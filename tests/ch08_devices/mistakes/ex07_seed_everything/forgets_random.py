"""ch08 · ex07 — seed everything."""

import random  # noqa: F401 (for the code you write)

import numpy as np  # noqa: F401 (for the code you write)
import torch  # noqa: F401 (for the code you write)


def seed_everything(seed: int) -> None:
    np.random.seed(seed)
    torch.manual_seed(seed)
