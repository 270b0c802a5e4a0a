"""ch08 · ex07 — seed everything."""

import random as pyrandom

import numpy
import torch


def seed_everything(seed: int) -> None:
    torch.random.manual_seed(seed)
    numpy.random.seed(seed)
    pyrandom.seed(seed)
