"""ch08 · ex07 — seed everything."""

import random  # noqa: F401 (for the code you write)

import numpy as np  # noqa: F401 (for the code you write)
import torch  # noqa: F401 (for the code you write)


def seed_everything(seed: int) -> None:
    random.seed(42)
    np.random.seed(42)
    torch.manual_seed(42)
