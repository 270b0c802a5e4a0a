"""ch08 · ex07 — seed everything."""

import random  # noqa: F401 (for the code you write)

import numpy as np  # noqa: F401 (for the code you write)
import torch  # noqa: F401 (for the code you write)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.cuda.manual_seed_all(seed)
