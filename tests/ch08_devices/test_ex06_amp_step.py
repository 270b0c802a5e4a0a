"""Hidden-reference tests for ch08 · ex06 — a mixed-precision training step.

On the CPU, autocast runs in bfloat16 (or float16) and GradScaler("cpu") scales, unscales
and skips steps just as on a GPU, so the whole step is checked everywhere; the tests
marked cuda repeat it in float16 on a GPU. (bfloat16 itself needs no loss scaling, having
float32's exponent range; the scaler is harmless with it and behaves as it does for float16.)
"""

import pytest
import torch
from torch import nn

from grader.checks import check_equal, check_number, check_tensor, check_true, say

INIT_SCALE = 2.0**8


def _setup(seed: int, device: str, n_in: int, n_classes: int, batch: int):
    """A small classifier, its optimizer and scaler, and one batch, all reproducible."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, n_classes)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
    # growth_interval=1: the scale doubles after every good step, so a missing update() shows
    scaler = torch.amp.GradScaler(device, init_scale=INIT_SCALE, growth_interval=1)
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, n_in, generator=g).to(device)
    y = torch.randint(0, n_classes, (batch,), generator=g).to(device)
    return model, optimizer, scaler, x, y


def _train(module, seed, device, dtype, steps, overflow=False, stale=False):
    model, optimizer, scaler, x, y = _setup(seed, device, 6, 4, 10)
    if overflow:
        x[0, 0] = float("inf")  # the gradients will hold inf/NaN
    if stale:
        for p in model.parameters():  # left over from an earlier step
            p.grad = torch.full_like(p, 1e3)
    dtypes: list[torch.dtype] = []
    model[0].register_forward_hook(lambda m, inputs, out: dtypes.append(out.dtype))
    losses = [module.amp_step(model, optimizer, scaler, x, y, dtype) for _ in range(steps)]
    return {"losses": losses, "state": model.state_dict(), "scale": scaler.get_scale(), "dtypes": dtypes}


def train_with_amp_step(mod, seed, device, dtype, steps, overflow=False, stale=False):
    """In the worker: `steps` calls of amp_step on one batch; what the model and scaler became."""
    return _train(mod, seed, device, dtype, steps, overflow, stale)


def _call(dtype) -> str:
    return f"amp_step(model, optimizer, scaler, x, y, {dtype})"


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16])
def test_runs_the_forward_pass_under_autocast(kata, dtype):
    got = kata.probe(train_with_amp_step, 0, "cpu", dtype, 1)
    check_true(len(got["dtypes"]) >= 1, f"{_call(dtype)} never ran the model", f"{_call(dtype)} 一次也没有运行模型")
    check_true(got["dtypes"][0] == dtype,
               f"during {_call(dtype)} with x on the CPU, the model's first Linear layer computed in "
               f"{got['dtypes'][0]}, expected {dtype}: run the forward pass under "
               f"torch.autocast(device_type=x.device.type, dtype=amp_dtype)",
               f"x 在 CPU 上时，{_call(dtype)} 运行期间模型的第一个 Linear 层以 {got['dtypes'][0]} 计算，"
               f"应为 {dtype}：请在 torch.autocast(device_type=x.device.type, dtype=amp_dtype) 下做前向传播")


def test_returns_the_loss_as_a_float(kata, ref):
    got = kata.probe(train_with_amp_step, 1, "cpu", torch.bfloat16, 1)
    expected = _train(ref, 1, "cpu", torch.bfloat16, 1)
    check_number(got["losses"][0], expected["losses"][0], _call(torch.bfloat16), atol=1e-3, rtol=1e-3)


@pytest.mark.parametrize("seed", [2, 3])
def test_parameters_match_the_reference_after_three_steps(kata, ref, seed):
    got = kata.probe(train_with_amp_step, seed, "cpu", torch.bfloat16, 3)
    expected = _train(ref, seed, "cpu", torch.bfloat16, 3)
    for name, value in expected["state"].items():
        check_tensor(got["state"].get(name), value,
                     say(f"parameter {name!r} after three calls of {_call(torch.bfloat16)}",
                         f"调用三次 {_call(torch.bfloat16)} 之后的参数 {name!r}"), atol=1e-3, rtol=1e-2)


def test_losses_go_down_like_the_reference(kata, ref):
    got = kata.probe(train_with_amp_step, 4, "cpu", torch.bfloat16, 4)
    expected = _train(ref, 4, "cpu", torch.bfloat16, 4)
    for i, (g, e) in enumerate(zip(got["losses"], expected["losses"], strict=True)):
        check_number(g, e, say(f"the loss returned by call {i + 1} of {_call(torch.bfloat16)}",
                               f"第 {i + 1} 次调用 {_call(torch.bfloat16)} 返回的损失"),
                     atol=1e-3, rtol=1e-2)


def test_clears_gradients_left_from_an_earlier_step(kata, ref):
    got = kata.probe(train_with_amp_step, 9, "cpu", torch.bfloat16, 1, False, True)
    expected = _train(ref, 9, "cpu", torch.bfloat16, 1, False, True)
    for name, value in expected["state"].items():
        check_tensor(got["state"].get(name), value,
                     say(f"parameter {name!r} after {_call(torch.bfloat16)} with gradients left in .grad by an "
                         "earlier step (clear them with optimizer.zero_grad() first)",
                         f".grad 里还留着之前步骤的梯度时，{_call(torch.bfloat16)} 之后的参数 {name!r}"
                         "（请先用 optimizer.zero_grad() 清零）"), atol=1e-3, rtol=1e-2)


def test_updates_the_scale_after_each_step(kata):
    got = kata.probe(train_with_amp_step, 5, "cpu", torch.bfloat16, 3)
    check_equal(got["scale"], INIT_SCALE * 2**3,
                say(f"scaler.get_scale() after three good steps from {INIT_SCALE:g} with growth_interval=1 "
                    "(call scaler.update() after every step)",
                    f"从 {INIT_SCALE:g} 开始、growth_interval=1 时，三次正常更新之后的 scaler.get_scale()"
                    "（每一步之后都要调用 scaler.update()）"))


def test_skips_the_step_when_gradients_overflow(kata):
    got = kata.probe(train_with_amp_step, 6, "cpu", torch.bfloat16, 1, True)
    initial = _setup(6, "cpu", 6, 4, 10)[0].state_dict()
    for name, value in initial.items():
        check_tensor(got["state"].get(name), value,
                     say(f"parameter {name!r} after a step whose gradients overflowed (it must be skipped: "
                         "let scaler.step(optimizer) make the step)",
                         f"梯度溢出的那一步之后的参数 {name!r}"
                         "（这一步必须跳过：请通过 scaler.step(optimizer) 来更新参数）"))
    check_equal(got["scale"], INIT_SCALE / 2,
                say("scaler.get_scale() after an overflow (scaler.update() halves it)",
                    "溢出之后的 scaler.get_scale()（scaler.update() 会把它减半）"))


@pytest.mark.cuda
def test_runs_in_float16_on_the_gpu(kata, ref):
    got = kata.probe(train_with_amp_step, 7, "cuda", torch.float16, 3)
    expected = _train(ref, 7, "cuda", torch.float16, 3)
    check_equal(got["dtypes"][:1], [torch.float16], say("the dtype of the first Linear layer's output on the GPU",
                                                        "GPU 上第一个 Linear 层输出的 dtype"))
    for name, value in expected["state"].items():
        check_tensor(got["state"].get(name), value,
                     say(f"parameter {name!r} after three calls of {_call(torch.float16)} on the GPU",
                         f"在 GPU 上调用三次 {_call(torch.float16)} 之后的参数 {name!r}"),
                     atol=1e-3, rtol=1e-2)
    check_equal(got["scale"], INIT_SCALE * 2**3, say("scaler.get_scale() after three good steps on the GPU",
                                                     "在 GPU 上三次正常更新之后的 scaler.get_scale()"))


@pytest.mark.cuda
def test_skips_the_step_when_gradients_overflow_on_the_gpu(kata):
    got = kata.probe(train_with_amp_step, 8, "cuda", torch.float16, 1, True)
    initial = _setup(8, "cuda", 6, 4, 10)[0].state_dict()
    for name, value in initial.items():
        check_tensor(got["state"].get(name), value,
                     say(f"parameter {name!r} after an overflowing step on the GPU",
                         f"在 GPU 上梯度溢出的那一步之后的参数 {name!r}"))
    check_equal(got["scale"], INIT_SCALE / 2, say("scaler.get_scale() after an overflow on the GPU",
                                                  "在 GPU 上溢出之后的 scaler.get_scale()"))
