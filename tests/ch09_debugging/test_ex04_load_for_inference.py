"""Hidden-reference tests for ch09 · ex04 — load a state_dict for inference."""

import os

import pytest
import torch
import torch.serialization as serialization

from grader.checks import check_tensor, check_true, say

SIZES = (5, 16, 3)  # n_in, n_hidden, n_out


class RunsCode:
    """Pickles as a call to os.mkdir: loading it with weights_only=False creates `path`."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def _trained_net(mod, seed):
    """The learner's TinyNet with random weights and non-trivial batch-norm statistics."""
    torch.manual_seed(seed)
    net = mod.TinyNet(*SIZES)
    bn = net.layers[1]
    with torch.no_grad():
        bn.running_mean.uniform_(-1, 1)
        bn.running_var.uniform_(0.5, 2)
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
    bn.num_batches_tracked.fill_(37)
    return net


def _save_as_if_on_gpu(obj, path):
    """torch.save, with every tensor tagged as if it lived on cuda:0."""
    entry = (-100, lambda storage: "cuda:0", lambda obj, location: None)
    serialization._package_registry.insert(0, entry)
    try:
        torch.save(obj, path)
    finally:
        serialization._package_registry.remove(entry)


def gpu_checkpoint_probe(mod, path):
    """In the worker: a checkpoint saved on a GPU, loaded on a (simulated) CPU-only machine."""
    net = _trained_net(mod, seed=1)
    _save_as_if_on_gpu(net.state_dict(), path)
    is_available = torch.cuda.is_available
    torch.cuda.is_available = lambda: False
    try:
        loaded = mod.load_for_inference(path, *SIZES)
    finally:
        torch.cuda.is_available = is_available
    return {"saved": net.state_dict(), "loaded": loaded.state_dict()}


def training_flags_probe(mod, path):
    torch.save(_trained_net(mod, seed=2).state_dict(), path)
    loaded = mod.load_for_inference(path, *SIZES)
    return {name or "(the model)": m.training for name, m in loaded.named_modules()}


def grad_mode_probe(mod, path):
    """In the worker: whether grad mode is still on after load_for_inference (it is on before)."""
    torch.set_grad_enabled(True)
    torch.save(_trained_net(mod, seed=5).state_dict(), path)
    mod.load_for_inference(path, *SIZES)
    return torch.is_grad_enabled()


def predictions_probe(mod, path, x):
    net = _trained_net(mod, seed=3)
    mod.save_weights(net, path)
    loaded = mod.load_for_inference(path, *SIZES)
    with torch.no_grad():
        return {"expected": net.eval()(x), "first": loaded(x), "second": loaded(x)}


def code_in_checkpoint_probe(mod, path, marker):
    state = dict(_trained_net(mod, seed=4).state_dict())
    state["layers.0.note"] = RunsCode(marker)
    torch.save(state, path)
    try:
        mod.load_for_inference(path, *SIZES)
        error = None
    except Exception as e:  # refusing to load is the right answer
        error = type(e).__name__
    return {"ran_code": os.path.exists(marker), "error": error}


def test_loads_a_checkpoint_saved_on_a_gpu_on_a_cpu_only_machine(kata, kata_tmp):
    got = kata.probe(gpu_checkpoint_probe, str(kata_tmp / "gpu.pt"))
    for name, expected in got["saved"].items():
        check_tensor(got["loaded"][name], expected,
                     f"load_for_inference(path, 5, 16, 3).state_dict()[{name!r}]")


def test_returns_the_model_in_eval_mode(kata, kata_tmp):
    flags = kata.probe(training_flags_probe, str(kata_tmp / "net.pt"))
    training = [name for name, flag in flags.items() if flag]
    shown = ", ".join(training[:3]) + (", ..." if len(training) > 3 else "")
    check_true(not training,
               f"load_for_inference(path, 5, 16, 3) must return the model in eval mode; {len(training)} "
               f"modules are still training ({shown}), so dropout stays on and batch norm uses the batch's "
               "statistics",
               f"load_for_inference(path, 5, 16, 3) 必须返回处于 eval 模式的模型；有 {len(training)} 个模块"
               f"仍处于训练模式（{shown.replace('(the model)', '模型本身')}），"
               "这样 dropout 还开着，batch norm 用的也是当前 batch 的统计量")


def test_leaves_grad_mode_on(kata, kata_tmp):
    got = kata.probe(grad_mode_probe, str(kata_tmp / "net.pt"))
    check_true(got is True,
               "load_for_inference(path, 5, 16, 3) must leave grad mode on for the rest of the program "
               f"(afterwards torch.is_grad_enabled() is {got}): model.eval() is what inference needs; wrap the "
               "predictions, not the loading, in torch.no_grad()",
               "load_for_inference(path, 5, 16, 3) 必须让程序其余部分的梯度模式保持打开"
               f"（调用后 torch.is_grad_enabled() 为 {got}）：推理需要的是 model.eval()；"
               "要用 torch.no_grad() 就包住预测，而不是加载")


@pytest.mark.parametrize("batch", [7, 2])
def test_predictions_match_the_saved_model_in_eval_mode(kata, kata_tmp, batch):
    x = torch.randn(batch, SIZES[0], generator=torch.Generator().manual_seed(batch))
    got = kata.probe(predictions_probe, str(kata_tmp / "net.pt"), x)
    check_tensor(got["first"], got["expected"],
                 say(f"load_for_inference(path, 5, 16, 3)(x) for x of shape {tuple(x.shape)}, compared with the "
                     "saved model in eval mode",
                     f"x 形状为 {tuple(x.shape)} 时的 load_for_inference(path, 5, 16, 3)(x)"
                     "（与 eval 模式下的原模型比较）"))
    check_tensor(got["second"], got["first"], say("a second call model(x) on the same x",
                                                  "在同一个 x 上第二次调用 model(x) 的结果"))


def test_refuses_a_checkpoint_that_would_run_code(kata, kata_tmp):
    marker = kata_tmp / "code-ran-here"
    got = kata.probe(code_in_checkpoint_probe, str(kata_tmp / "evil.pt"), str(marker))
    check_true(not got["ran_code"],
               "load_for_inference(path, 5, 16, 3) ran code that was pickled into the file: load with "
               "torch.load(..., weights_only=True), which only rebuilds tensors and plain containers",
               "load_for_inference(path, 5, 16, 3) 执行了被 pickle 进文件的代码：请用 "
               "torch.load(..., weights_only=True) 加载，它只会重建张量和普通容器")
    check_true(got["error"] is not None,
               "load_for_inference(path, 5, 16, 3) must refuse a file holding pickled objects "
               "(weights_only=True)",
               "load_for_inference(path, 5, 16, 3) 必须拒绝加载含有 pickle 对象的文件（weights_only=True）")
