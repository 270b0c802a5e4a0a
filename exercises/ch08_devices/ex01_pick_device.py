"""ch08 · ex01 — pick a device.

Goal: return the device to train on: `torch.device("cuda")` when a CUDA GPU is available
and `use_gpu` is True, else `torch.device("cpu")`. Decide when called, not at import.
目标：返回训练所用的设备：有可用的 CUDA GPU 且 `use_gpu` 为 True 时返回
`torch.device("cuda")`，否则返回 `torch.device("cpu")`。在调用时判断，而不是在导入时。

`use_gpu=False` is the "--cpu" switch of a training script: it forces the CPU even on a
GPU machine. The tests pretend a GPU is (or is not) there, so hard-coding either answer
will not pass.
`use_gpu=False` 相当于训练脚本里的 `--cpu` 开关：即使有 GPU 也强制使用 CPU。
测试会模拟有 GPU 和没有 GPU 两种情况，所以把答案写死成哪一个都通不过。

Example:
    >>> pick_device()                 # on a laptop without a GPU
    device(type='cpu')
    >>> pick_device()                 # on a GPU machine
    device(type='cuda')
    >>> pick_device(use_gpu=False)    # anywhere
    device(type='cpu')
"""

import torch


def pick_device(use_gpu: bool = True) -> torch.device:
    # TODO: ask torch.cuda whether a GPU is there, then build a torch.device (roughly 3 lines).
    raise NotImplementedError
