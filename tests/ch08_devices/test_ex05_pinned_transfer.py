"""Hidden-reference tests for ch08 · ex05 — pinned memory and non-blocking copies.

The kata is marked "cuda": pinned memory needs a CUDA driver, so these tests run only on
a machine with a GPU and are reported as skipped elsewhere.
"""

import pytest
import torch
from torch.utils.data import TensorDataset

from grader.checks import check_equal, check_tensor, check_true, say


def _data(seed: int, n: int, n_in: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, n_in, generator=g), torch.randint(0, 5, (n,), generator=g)


def loader_probe(mod, seed, n, n_in, batch_size, shuffle):
    """In the worker: build the learner's loader and look at what it gives."""
    dataset = TensorDataset(*_data(seed, n, n_in))
    if shuffle is None:
        loader = mod.make_loader(dataset, batch_size)
    else:
        loader = mod.make_loader(dataset, batch_size, shuffle=shuffle)
    batches = list(loader)
    return {
        "batch_size": loader.batch_size,
        "sampler": type(loader.sampler).__name__,
        "pinned": [[t.is_pinned() for t in batch] for batch in batches],
        "inputs": torch.cat([batch[0] for batch in batches]),
    }


def _spy(calls: list):
    """Stand-ins for Tensor.to and Tensor.cuda that note whether non_blocking=True was asked."""
    to, cuda = torch.Tensor.to, torch.Tensor.cuda

    def spy_to(self, *args, **kwargs):
        calls.append(bool(kwargs.get("non_blocking")) or any(a is True for a in args))
        return to(self, *args, **kwargs)

    def spy_cuda(self, *args, **kwargs):
        calls.append(bool(kwargs.get("non_blocking")) or any(a is True for a in args))
        return cuda(self, *args, **kwargs)

    return spy_to, spy_cuda


def to_device_probe(mod, seed, n, n_in, device):
    """In the worker: copy a pinned batch with the learner's to_device, noting each copy call."""
    x, y = (t.pin_memory() for t in _data(seed, n, n_in))
    calls: list[bool] = []
    original = torch.Tensor.to, torch.Tensor.cuda
    torch.Tensor.to, torch.Tensor.cuda = _spy(calls)
    try:
        out = mod.to_device((x, y), device)
    finally:
        torch.Tensor.to, torch.Tensor.cuda = original
    torch.cuda.synchronize()
    return {"out": out, "calls": calls}


def pipeline_probe(mod, seed, n, n_in, batch_size):
    """In the worker: a tiny epoch, loader -> to_device -> GPU arithmetic, summed up."""
    loader = mod.make_loader(TensorDataset(*_data(seed, n, n_in)), batch_size)
    total = torch.zeros((), dtype=torch.float64, device="cuda")
    for batch in loader:
        x, y = mod.to_device(batch, "cuda")
        total += (x.sum(dim=1) * y).double().sum()  # queued after the copies on the same stream
    return total.item()


@pytest.mark.parametrize("n, batch_size", [(10, 4), (9, 3)])
def test_loader_batches_are_pinned(kata, n, batch_size):
    got = kata.probe(loader_probe, 0, n, 3, batch_size, None)
    check_true(all(all(batch) for batch in got["pinned"]),
               f"make_loader(dataset, {batch_size}) gave batches in pageable memory "
               f"(is_pinned() per batch: {got['pinned']}); ask the DataLoader to pin them",
               f"make_loader(dataset, {batch_size}) 产出的批次在可分页内存里（每个批次的 is_pinned()："
               f"{got['pinned']}）；请让 DataLoader 把它们放进锁页内存（pin memory）")


@pytest.mark.parametrize("batch_size", [4, 7])
def test_loader_uses_the_batch_size(kata, batch_size):
    got = kata.probe(loader_probe, 1, 20, 3, batch_size, None)
    check_equal(got["batch_size"], batch_size, f"make_loader(dataset, {batch_size}).batch_size")


@pytest.mark.parametrize("shuffle, sampler", [(None, "RandomSampler"), (True, "RandomSampler"),
                                              (False, "SequentialSampler")])
def test_loader_follows_shuffle(kata, shuffle, sampler):
    got = kata.probe(loader_probe, 2, 12, 3, 4, shuffle)
    call = "make_loader(dataset, 4)" if shuffle is None else f"make_loader(dataset, 4, shuffle={shuffle})"
    check_equal(got["sampler"], sampler, say(f"the sampler of {call}", f"{call} 的 sampler"))


def test_loader_without_shuffle_keeps_the_order(kata):
    got = kata.probe(loader_probe, 3, 11, 2, 4, False)
    check_tensor(got["inputs"], _data(3, 11, 2)[0], say("the inputs of make_loader(dataset, 4, shuffle=False), "
                                                        "concatenated",
                                                        "make_loader(dataset, 4, shuffle=False) 的 inputs（拼接起来）"))


@pytest.mark.parametrize("device", ["cuda", torch.device("cuda:0")])
def test_to_device_puts_both_tensors_on_the_gpu(kata, device):
    got = kata.probe(to_device_probe, 4, 6, 5, device)
    out = got["out"]
    check_true(isinstance(out, tuple) and len(out) == 2, f"to_device(batch, {device!r}) must return a tuple "
               f"(inputs, targets) (got {type(out).__name__})",
               f"to_device(batch, {device!r}) 必须返回元组 (inputs, targets)（实际得到 {type(out).__name__}）")
    x, y = (t.to("cuda") for t in _data(4, 6, 5))
    check_tensor(out[0], x, say(f"to_device(batch, {device!r})[0] (the inputs)",
                                f"to_device(batch, {device!r})[0]（inputs）"))
    check_tensor(out[1], y, say(f"to_device(batch, {device!r})[1] (the targets)",
                                f"to_device(batch, {device!r})[1]（targets）"))


def test_to_device_copies_without_blocking(kata):
    calls = kata.probe(to_device_probe, 5, 6, 5, "cuda")["calls"]
    check_true(len(calls) >= 1, "to_device(batch, 'cuda') never called .to(...) or .cuda(...)",
               "to_device(batch, 'cuda') 一次也没有调用 .to(...) 或 .cuda(...)")
    check_true(all(calls), f"to_device(batch, 'cuda') copied without non_blocking=True "
               f"({calls.count(False)} of {len(calls)} copies blocked the CPU)",
               f"to_device(batch, 'cuda') 复制时没有用 non_blocking=True"
               f"（{len(calls)} 次复制中有 {calls.count(False)} 次阻塞了 CPU）")


def test_to_device_follows_the_device_argument(kata):
    out = kata.probe(to_device_probe, 6, 3, 4, "meta")["out"]
    check_true(isinstance(out, tuple) and len(out) == 2,
               f"to_device(batch, 'meta') must return a tuple (inputs, targets) (got {type(out).__name__})",
               f"to_device(batch, 'meta') 必须返回元组 (inputs, targets)（实际得到 {type(out).__name__}）")
    check_tensor(out[0], torch.empty(3, 4, device="meta"), "to_device(batch, 'meta')[0]")
    check_tensor(out[1], torch.empty(3, dtype=torch.int64, device="meta"), "to_device(batch, 'meta')[1]")


def test_a_pinned_epoch_on_the_gpu_gives_the_right_sum(kata):
    got = kata.probe(pipeline_probe, 7, 50, 6, 8)
    x, y = _data(7, 50, 6)
    expected = (x.sum(dim=1) * y).double().sum().item()
    check_true(isinstance(got, float) and abs(got - expected) <= 1e-4 * max(1.0, abs(expected)),
               f"sum over an epoch of make_loader + to_device must be {expected:.6g} (got {got!r})",
               f"用 make_loader + to_device 跑完一轮（epoch）求得的和应为 {expected:.6g}（实际为 {got!r}）")
