"""Hidden-reference tests for ch08 · ex02 — move a model and a batch to a device."""

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_tensor, check_true, hint, say


def _on_meta(fn, *args):
    """Call fn; torch's own NotImplementedError (e.g. "Cannot copy out of meta tensor") is
    re-raised as a RuntimeError, so that the grader does not read it as an unstarted stub."""
    try:
        return fn(*args)
    except NotImplementedError as e:
        if not str(e):  # the stub's bare `raise NotImplementedError`
            raise
        error = RuntimeError(say(f"{e} (a tensor on the 'meta' device has a shape but no values: "
                                 "keep everything on the device you were given)",
                                 f"{e}（meta 设备上的张量只有形状、没有数值：请把所有张量都放在传入的 device 上）"))
        raise error.with_traceback(e.__traceback__) from None


def _batch(seed: int, n: int, n_in: int, n_out: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, n_in, generator=g), torch.randint(0, n_out, (n,), generator=g)


def _model(seed: int, n_in: int, n_out: int, train: bool = False) -> nn.Module:
    with torch.random.fork_rng(devices=[]):  # leave the global random state as it was
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(n_in, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, n_out))
    return model.train(train)  # in train mode, BatchNorm normalises with the batch's own statistics


def run_forward_on(mod, seed, n, n_in, n_out, device, model_there=False, train=False):
    """In the worker: run forward_on (on a model already on `device` if `model_there`, in train
    mode if `train`), then report where the model's tensors ended up and its modules' modes."""
    model = _model(seed, n_in, n_out, train)
    if model_there:
        model.to(device)
    out = _on_meta(mod.forward_on, model, _batch(seed, n, n_in, n_out), device)
    return {
        "out": out,
        "parameters": {name: str(p.device) for name, p in model.named_parameters()},
        "buffers": {name: str(b.device) for name, b in model.named_buffers()},
        "training": [m.training for m in model.modules()],
    }


def run_move_batch(mod, seed, n, n_in, n_out, device):
    """In the worker: move_batch on a fresh batch."""
    return _on_meta(mod.move_batch, _batch(seed, n, n_in, n_out), device)


def _check_batch(got, expected, what):
    check_true(isinstance(got, tuple) and len(got) == 2,
               f"{what} must return a tuple (inputs, targets) (got {type(got).__name__})",
               f"{what} 必须返回元组 (inputs, targets)（实际得到 {type(got).__name__}）")
    check_tensor(got[0], expected[0], say(f"{what}[0] (the inputs)", f"{what}[0]（inputs）"))
    check_tensor(got[1], expected[1], say(f"{what}[1] (the targets)", f"{what}[1]（targets）"))


@pytest.mark.parametrize("device", ["meta", torch.device("meta")])
def test_move_batch_puts_both_tensors_on_the_meta_device(kata, ref, device):
    got = kata.probe(run_move_batch, 0, 7, 5, 3, device)
    expected = ref.move_batch(_batch(0, 7, 5, 3), device)
    _check_batch(got, expected, f"move_batch(batch, {device!r})")


@pytest.mark.parametrize("n, n_in", [(7, 5), (2, 11)])
def test_move_batch_to_cpu_keeps_values_and_dtypes(kata, ref, n, n_in):
    batch = _batch(n, n, n_in, 4)
    _check_batch(kata.move_batch(batch, "cpu"), ref.move_batch(batch, "cpu"), "move_batch(batch, 'cpu')")


@pytest.mark.parametrize("device", ["meta", torch.device("meta")])
def test_forward_on_moves_every_parameter_and_buffer(kata, device):
    got = kata.probe(run_forward_on, 1, 6, 5, 3, device)
    for kind in ("parameters", "buffers"):
        for name, where in got[kind].items():
            check_true(where == "meta", f"after forward_on(model, batch, {device!r}), model {kind[:-1]} "
                       f"{name!r} is on {where}, not on meta: did you call model.to(device)?",
                       f"forward_on(model, batch, {device!r}) 之后，模型的"
                       f"{'参数' if kind == 'parameters' else '缓冲区'} {name!r} 在 {where} 上，不在 meta 上："
                       "调用 model.to(device) 了吗？")


@pytest.mark.parametrize("device", ["meta", torch.device("meta")])
def test_forward_on_returns_the_output_on_the_device(kata, device):
    got = kata.probe(run_forward_on, 2, 6, 5, 3, device)
    expected = torch.empty(6, 3, device="meta")
    check_tensor(got["out"], expected, f"forward_on(model, batch, {device!r})")


def test_forward_on_moves_the_batch_when_the_model_is_already_there(kata):
    with hint("model.to(device) moves the model only: move the inputs with .to(device) too",
              "model.to(device) 只移动模型：输入也要用 .to(device) 移过去"):
        got = kata.probe(run_forward_on, 6, 5, 4, 3, "meta", True)
    check_tensor(got["out"], torch.empty(5, 3, device="meta"),
                 say("forward_on(model, batch, 'meta') for a model already on meta and a batch on the CPU",
                     "forward_on(model, batch, 'meta')（模型已在 meta 上，这批数据还在 CPU 上）"))


@pytest.mark.parametrize("seed, n, n_in, n_out, train", [(3, 6, 5, 3, False), (4, 9, 2, 7, False),
                                                         (10, 8, 4, 3, True)])
def test_forward_on_cpu_matches_the_model(kata, ref, seed, n, n_in, n_out, train):
    got = kata.probe(run_forward_on, seed, n, n_in, n_out, "cpu", False, train)
    expected = ref.forward_on(_model(seed, n_in, n_out, train), _batch(seed, n, n_in, n_out), "cpu")
    mode = "train" if train else "eval"
    check_tensor(got["out"], expected.detach(), say(f"forward_on(model, batch, 'cpu') for a model in {mode} mode",
                                                    f"forward_on(model, batch, 'cpu')（模型处于 {mode} 模式）"))
    check_equal(set(got["parameters"].values()), {"cpu"}, say("the devices of the model's parameters",
                                                              "模型参数所在的设备"))


@pytest.mark.parametrize("train", [True, False])
def test_forward_on_leaves_the_train_or_eval_mode_as_it_was(kata, train):
    got = kata.probe(run_forward_on, 11, 6, 5, 3, "cpu", False, train)
    mode = "train" if train else "eval"
    check_true(all(flag == train for flag in got["training"]),
               f"forward_on(model, batch, 'cpu') took a model in {mode} mode out of it (model.training must stay "
               f"{train}): leave model.train() and model.eval() to the caller",
               f"forward_on(model, batch, 'cpu') 把原本处于 {mode} 模式的模型切换到了另一种模式（model.training "
               f"必须保持为 {train}）：调用 model.train() 还是 model.eval() 应由调用者决定")


@pytest.mark.cuda
def test_forward_on_cuda_runs_on_the_gpu(kata, ref):
    got = kata.probe(run_forward_on, 5, 6, 5, 3, "cuda")
    expected = ref.forward_on(_model(5, 5, 3), _batch(5, 6, 5, 3), "cuda")
    check_tensor(got["out"], expected.detach(), "forward_on(model, batch, 'cuda')", atol=1e-4)
    check_true(all(d.startswith("cuda") for d in got["parameters"].values()),
               f"after forward_on(model, batch, 'cuda') the parameters are on {got['parameters']}",
               f"forward_on(model, batch, 'cuda') 之后，参数在 {got['parameters']} 上")
