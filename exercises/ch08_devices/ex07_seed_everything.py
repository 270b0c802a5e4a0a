"""ch08 · ex07 — seed everything.

Goal: `seed_everything(seed)` seeds every random number generator a training script uses:
Python's `random`, NumPy's global generator and PyTorch's (CPU and every GPU). Two runs
after the same seed must draw exactly the same numbers; different seeds, different numbers.
目标：`seed_everything(seed)` 为训练脚本用到的所有随机数生成器设定种子：Python 的
`random`、NumPy 的全局生成器，以及 PyTorch 的生成器（CPU 和所有 GPU）。用同一个种子的两次
运行必须得到完全相同的随机数；种子不同，随机数也不同。

Weight initialisation, dropout and DataLoader shuffling draw from PyTorch's generator;
data augmentation code often uses `random` or NumPy. Seed only one of them and a "same
seed" rerun still differs. (Bit-for-bit equal GPU runs may also need deterministic
kernels: `torch.use_deterministic_algorithms(True)`; not asked here.)
权重初始化、dropout 和 DataLoader 的打乱都从 PyTorch 的生成器取随机数；数据增强代码则常用
`random` 或 NumPy。只给其中一个设定种子，“同一种子”的重新运行结果仍会不同。（要让 GPU 上两次
运行的结果逐位相同，可能还需要启用确定性算法：`torch.use_deterministic_algorithms(True)`；
本题不要求。）

Example:
    >>> seed_everything(42); a = (random.random(), np.random.rand(), torch.rand(1).item())
    >>> seed_everything(42); b = (random.random(), np.random.rand(), torch.rand(1).item())
    >>> a == b
    True
"""

import random  # noqa: F401 (for the code you write)

import numpy as np  # noqa: F401 (for the code you write)
import torch  # noqa: F401 (for the code you write)


def seed_everything(seed: int) -> None:
    # TODO: seed Python's random, NumPy and PyTorch with `seed` (roughly 3 lines).
    raise NotImplementedError
