"""Hidden-reference tests for ch08 · ex07 — seed everything.

Both runs of a comparison happen in one worker process: a forked worker starts with its
parent's generator states, so only a second run in the same process shows a missing seed.
"""

import random

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_equal, check_true, say

LIBRARIES = {"random": "Python's random", "numpy": "NumPy's np.random", "torch": "torch"}
LIBRARIES_ZH = {"random": "Python 的 random", "numpy": "NumPy 的 np.random", "torch": "torch"}


def _draw(device: str = "cpu") -> dict:
    """A few numbers from each generator a training script may use."""
    return {
        "random": [random.random() for _ in range(3)],
        "numpy": np.random.rand(3).tolist(),
        "torch": torch.rand(3, device=device).tolist(),
    }


def draws_probe(mod, seeds, device="cpu"):
    """In the worker: seed_everything(s) then draw, for each s in turn."""
    out = []
    for seed in seeds:
        mod.seed_everything(seed)
        out.append(_draw(device))
    return out


def _training_run() -> list[float]:
    """A tiny run that uses init, shuffling and dropout: every source of torch randomness."""
    data = TensorDataset(torch.randn(24, 5), torch.randn(24, 1))
    model = nn.Sequential(nn.Linear(5, 8), nn.Dropout(0.3), nn.Linear(8, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for x, y in DataLoader(data, batch_size=6, shuffle=True):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def training_probe(mod, seeds):
    """In the worker: the same tiny training run after seed_everything(s), for each s."""
    out = []
    for seed in seeds:
        mod.seed_everything(seed)
        out.append(_training_run())
    return out


def _reference_draws(ref, seed: int) -> dict:
    """What the reference seeding gives, leaving the judge's own generators as they were."""
    state = random.getstate(), np.random.get_state()
    try:
        with torch.random.fork_rng(devices=[]):
            ref.seed_everything(seed)
            return _draw()
    finally:
        random.setstate(state[0])
        np.random.set_state(state[1])


@pytest.mark.parametrize("library", list(LIBRARIES))
def test_the_same_seed_repeats_the_numbers(kata, library):
    first, second = kata.probe(draws_probe, [7, 7])
    check_true(first[library] == second[library],
               f"after seed_everything(7) twice, {LIBRARIES[library]} gave different numbers "
               f"({first[library][0]:.6f}... then {second[library][0]:.6f}...): is it seeded?",
               f"两次调用 seed_everything(7) 之后，{LIBRARIES_ZH[library]} 给出的数不一样"
               f"（先是 {first[library][0]:.6f}...，后是 {second[library][0]:.6f}...）：给它设定种子了吗？")


@pytest.mark.parametrize("library", list(LIBRARIES))
def test_different_seeds_give_different_numbers(kata, library):
    first, second = kata.probe(draws_probe, [1, 2])
    check_true(first[library] != second[library],
               f"seed_everything(1) and seed_everything(2) gave the same numbers from {LIBRARIES[library]}: "
               "pass `seed` on instead of a fixed number",
               f"seed_everything(1) 和 seed_everything(2) 让 {LIBRARIES_ZH[library]} 给出了相同的数："
               "请使用传入的 `seed`，不要写死一个固定的种子")


@pytest.mark.parametrize("seed", [0, 1234])
def test_uses_the_seed_as_given(kata, ref, seed):
    (got,) = kata.probe(draws_probe, [seed])
    expected = _reference_draws(ref, seed)
    for library, name in LIBRARIES.items():
        check_equal(got[library], expected[library],
                    say(f"the first draws from {name} after seed_everything({seed})",
                        f"seed_everything({seed}) 之后 {LIBRARIES_ZH[library]} 最先生成的几个数"))


def test_a_small_training_run_repeats_exactly(kata):
    first, second, other = kata.probe(training_probe, [3, 3, 4])
    check_equal(second, first, say("the losses of a second training run after seed_everything(3)",
                                   "seed_everything(3) 之后第二次训练的各步损失"))
    check_true(other != first, "a training run after seed_everything(4) repeated the one after "
               "seed_everything(3): pass `seed` on instead of a fixed number",
               "seed_everything(4) 之后的训练和 seed_everything(3) 之后的一模一样："
               "请使用传入的 `seed`，不要写死一个固定的种子")


@pytest.mark.cuda
def test_the_same_seed_repeats_gpu_numbers(kata):
    first, second, other = kata.probe(draws_probe, [5, 5, 6], "cuda")
    check_equal(second["torch"], first["torch"],
                say("torch.rand(3, device='cuda') after seed_everything(5) twice",
                    "两次调用 seed_everything(5) 之后的 torch.rand(3, device='cuda')"))
    check_true(other["torch"] != first["torch"], "seed_everything(5) and (6) gave the same GPU numbers",
               "seed_everything(5) 和 seed_everything(6) 给出了相同的 GPU 随机数")
