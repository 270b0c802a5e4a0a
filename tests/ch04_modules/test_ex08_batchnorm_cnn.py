"""Hidden-reference tests for ch04 · ex08 — BatchNorm2d in a CNN, and its two modes."""

import pytest
import torch
import torch.nn.functional as F

from grader import probes
from grader.checks import check_tensor, check_true, say

EPS, MOMENTUM = 1e-5, 0.1
SIZES = [(3, 8, 5), (1, 4, 3), (2, 6, 7)]  # (in_channels, channels, num_classes)
IMAGE = {3: (7, 9), 1: (10, 6), 2: (5, 8)}  # in_channels -> (H, W), never square


def call(args):
    return "SmallCNN({}, {}, {})".format(*args)


def batches(args, seed):
    """Two training batches and one eval batch, shifted and scaled so the statistics matter."""
    h, w = IMAGE[args[0]]
    xs = [probes.randn(n, args[0], h, w, seed=seed + i) * 2 + 0.5 for i, n in enumerate((6, 5, 4))]
    return xs[:2], xs[2]


# -- probes (run in the worker with the learner's module) ------------------------------


def run_probe(mod, args, train_batches, x_eval):
    """A new model: forward passes as built (training mode), then in eval mode."""

    def state(model):
        return {k: v.detach().clone() for k, v in model.state_dict().items()}

    def modes(model):
        return [m.training for m in model.modules()]

    torch.manual_seed(0)
    model = mod.SmallCNN(*args)
    seen = {"fresh_modes": modes(model), "state0": state(model), "train_outs": [], "states": [], "train_modes": []}
    with torch.no_grad():
        for x in train_batches:
            seen["train_outs"].append(model(x))
            seen["states"].append(state(model))
            seen["train_modes"].append(modes(model))
        model.eval()
        seen["eval_out"] = model(x_eval)
        seen["eval_state"] = state(model)
        seen["eval_modes"] = modes(model)
        seen["eval_single"] = [model(x_eval[i : i + 1]) for i in range(len(x_eval))]
    seen["bn_class"] = type(getattr(model, "bn", None)).__name__
    return seen


# -- what the model must compute, from its own weights ------------------------------------


def conv_out(state, x):
    return F.conv2d(x, state["conv.weight"], state.get("conv.bias"), padding=1)


def head(state, y, mean, var):
    y = (y - mean[None, :, None, None]) / torch.sqrt(var[None, :, None, None] + EPS)
    y = y * state["bn.weight"][None, :, None, None] + state["bn.bias"][None, :, None, None]
    return torch.relu(y).mean(dim=(2, 3)) @ state["fc.weight"].T + state["fc.bias"]


def train_output(state, x):
    y = conv_out(state, x)
    return head(state, y, y.mean(dim=(0, 2, 3)), y.var(dim=(0, 2, 3), unbiased=False))


def eval_output(state, x):
    return head(state, conv_out(state, x), state["bn.running_mean"], state["bn.running_var"])


def updated_stats(state, x):
    y = conv_out(state, x)
    mean = (1 - MOMENTUM) * state["bn.running_mean"] + MOMENTUM * y.mean(dim=(0, 2, 3))
    var = (1 - MOMENTUM) * state["bn.running_var"] + MOMENTUM * y.var(dim=(0, 2, 3), unbiased=True)
    return mean, var


def run(kata, args, seed=0):
    train_batches, x_eval = batches(args, seed)
    return kata.probe(run_probe, args, train_batches, x_eval), train_batches, x_eval


def expected_shapes(args):
    n_in, c, k = args
    return {"conv.weight": (c, n_in, 3, 3), "bn.weight": (c,), "bn.bias": (c,), "bn.running_mean": (c,),
            "bn.running_var": (c,), "bn.num_batches_tracked": (), "fc.weight": (k, c), "fc.bias": (k,)}


# -- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", SIZES)
def test_state_dict_holds_conv_and_fc_with_their_shapes(kata, args):
    shapes = {k: tuple(v.shape) for k, v in run(kata, args)[0]["state0"].items()}
    n_in, c, k = args
    want = {"conv.weight": (c, n_in, 3, 3), "fc.weight": (k, c), "fc.bias": (k,)}
    for name, shape in want.items():
        check_true(shapes.get(name) == shape, f"{call(args)}.state_dict()[{name!r}] must have shape {shape} "
                   f"(got {shapes.get(name, 'no such entry')}; the state_dict has {sorted(shapes)})",
                   f"{call(args)}.state_dict()[{name!r}] 的形状应为 {shape}"
                   f"（实际为 {shapes.get(name, '没有这一项')}；state_dict 中有 {sorted(shapes)}）")
    check_true(shapes.get("conv.bias", (c,)) == (c,), f"{call(args)}.conv.bias must have shape ({c},) "
               f"(got {shapes.get('conv.bias')})",
               f"{call(args)}.conv.bias 的形状应为 ({c},)（实际为 {shapes.get('conv.bias')}）")


@pytest.mark.parametrize("args", SIZES)
def test_bn_is_a_batchnorm2d_over_the_conv_output_channels(kata, args):
    seen = run(kata, args)[0]
    c = args[1]
    check_true(seen["bn_class"] == "BatchNorm2d", f"{call(args)}.bn must be an nn.BatchNorm2d (got "
               f"{seen['bn_class']}): it normalises each channel of the conv's (B, C, H, W) output",
               f"{call(args)}.bn 必须是 nn.BatchNorm2d（实际为 {seen['bn_class']}）：它对卷积层输出 "
               "(B, C, H, W) 的每个通道做归一化")
    shape = tuple(seen["state0"]["bn.running_mean"].shape) if "bn.running_mean" in seen["state0"] else None
    if shape is not None:
        check_true(shape == (c,), f"{call(args)}.bn.running_mean must have shape ({c},), one value per output "
                   f"channel of the conv (got {shape}): bn = nn.BatchNorm2d({c}) goes right after the conv",
                   f"{call(args)}.bn.running_mean 的形状应为 ({c},)，卷积层每个输出通道一个值（实际为 {shape}）："
                   f"bn = nn.BatchNorm2d({c}) 应紧跟在卷积层之后")


def test_bn_has_a_learnable_weight_and_bias(kata):
    state = run(kata, SIZES[0])[0]["state0"]
    check_true("bn.weight" in state and "bn.bias" in state, "SmallCNN(3, 8, 5).bn must have a learnable weight "
               f"and bias (its state_dict has {sorted(k for k in state if k.startswith('bn.'))}): keep the default "
               "affine=True", "SmallCNN(3, 8, 5).bn 必须有可学习的 weight 和 bias（它的 state_dict 中只有 "
               f"{sorted(k for k in state if k.startswith('bn.'))}）：请保留默认的 affine=True")
    check_true(tuple(state["bn.weight"].shape) == (8,), "SmallCNN(3, 8, 5).bn.weight must have shape (8,) "
               f"(got {tuple(state['bn.weight'].shape)})",
               f"SmallCNN(3, 8, 5).bn.weight 的形状应为 (8,)（实际为 {tuple(state['bn.weight'].shape)}）")


def test_bn_tracks_running_statistics(kata):
    state = run(kata, SIZES[0])[0]["state0"]
    have = sorted(k for k in state if k.startswith("bn."))
    check_true({"bn.running_mean", "bn.running_var", "bn.num_batches_tracked"} <= set(state),
               f"SmallCNN(3, 8, 5).bn must keep running averages (its state_dict has {have}): keep the default "
               "track_running_stats=True, or eval mode has nothing to use",
               f"SmallCNN(3, 8, 5).bn 必须保存滑动平均（它的 state_dict 中只有 {have}）：请保留默认的 "
               "track_running_stats=True，否则评估模式没有统计量可用")


def test_a_new_model_is_in_training_mode(kata):
    modes = run(kata, SIZES[0])[0]["fresh_modes"]
    check_true(all(modes), "a new SmallCNN(3, 8, 5) must be in training mode, like every nn.Module "
               f"({modes.count(False)} of its {len(modes)} modules are in eval mode): do not call .eval() in __init__",
               f"新建的 SmallCNN(3, 8, 5) 必须处于训练模式，和所有 nn.Module 一样（它的 {len(modes)} 个模块中有 "
               f"{modes.count(False)} 个处于评估模式）：不要在 __init__ 里调用 .eval()")


# -- training mode --------------------------------------------------------------------------


@pytest.mark.parametrize("args", SIZES)
def test_output_is_batch_by_num_classes(kata, args):
    seen, train_batches, _ = run(kata, args)
    out, x = seen["train_outs"][0], train_batches[0]
    check_true(isinstance(out, torch.Tensor), f"{call(args)}(x) must return a tensor (got {type(out).__name__})",
               f"{call(args)}(x) 必须返回张量（实际得到 {type(out).__name__}）")
    want = (len(x), args[2])
    check_true(tuple(out.shape) == want, f"{call(args)}(x) for x of shape {tuple(x.shape)} must have shape {want} "
               f"(got {tuple(out.shape)})",
               f"x 的形状为 {tuple(x.shape)} 时，{call(args)}(x) 的形状应为 {want}（实际为 {tuple(out.shape)}）")


def test_forward_does_not_change_the_mode(kata):
    seen = run(kata, SIZES[0])[0]
    after_train, after_eval = seen["train_modes"][0], seen["eval_modes"]
    check_true(all(after_train), "after a forward pass in training mode, SmallCNN(3, 8, 5) must still be in "
               f"training mode ({after_train.count(False)} of its modules switched to eval): forward must not call "
               ".eval() or .train()", "训练模式下前向传播一次之后，SmallCNN(3, 8, 5) 必须仍处于训练模式"
               f"（有 {after_train.count(False)} 个模块变成了评估模式）：forward 里不要调用 .eval() 或 .train()")
    check_true(not any(after_eval), "after a forward pass in eval mode, SmallCNN(3, 8, 5) must still be in eval "
               f"mode ({sum(after_eval)} of its modules switched to training): forward must not call .train()",
               "评估模式下前向传播一次之后，SmallCNN(3, 8, 5) 必须仍处于评估模式"
               f"（有 {sum(after_eval)} 个模块变成了训练模式）：forward 里不要调用 .train()")


@pytest.mark.parametrize("args", SIZES)
def test_training_mode_normalises_with_the_batch_statistics(kata, args):
    seen, train_batches, _ = run(kata, args, seed=10)
    state0, out = seen["state0"], seen["train_outs"][0]
    check_tensor(out, train_output(state0, train_batches[0]),
                 say(f"{call(args)}(x) in training mode (compared with fc(mean over H, W of relu(bn(conv(x))))), "
                     "bn normalising each channel with the batch's mean and variance, on the model's own weights",
                     f"训练模式下的 {call(args)}(x)（与用模型自己的权重计算的 fc(relu(bn(conv(x))) 在 H、W 上的平均) "
                     "对比，bn 用当前批量的均值和方差对每个通道归一化）"))


@pytest.mark.parametrize("args", SIZES)
def test_training_forward_updates_the_running_averages(kata, args):
    seen, train_batches, _ = run(kata, args, seed=20)
    before = seen["state0"]
    for i, (x, after) in enumerate(zip(train_batches, seen["states"], strict=True)):
        mean, var = updated_stats(before, x)
        check_tensor(after.get("bn.running_mean"), mean,
                     say(f"{call(args)}.bn.running_mean after training-mode forward pass {i + 1} (it must move "
                         "towards the batch mean with the default momentum=0.1)",
                         f"训练模式下第 {i + 1} 次前向传播之后的 {call(args)}.bn.running_mean"
                         "（应按默认的 momentum=0.1 向批量均值移动）"))
        check_tensor(after.get("bn.running_var"), var,
                     say(f"{call(args)}.bn.running_var after training-mode forward pass {i + 1}",
                         f"训练模式下第 {i + 1} 次前向传播之后的 {call(args)}.bn.running_var"))
        before = after


# -- eval mode --------------------------------------------------------------------------------


@pytest.mark.parametrize("args", SIZES)
def test_eval_forward_leaves_the_running_averages_alone(kata, args):
    seen = run(kata, args, seed=30)[0]
    last, after = seen["states"][-1], seen["eval_state"]
    for name in ("bn.running_mean", "bn.running_var"):
        check_tensor(after.get(name), last.get(name),
                     say(f"{call(args)}.{name} after a forward pass in eval mode (eval mode must not update it)",
                         f"评估模式下前向传播之后的 {call(args)}.{name}（评估模式下不应更新它）"))


@pytest.mark.parametrize("args", SIZES)
def test_eval_mode_normalises_with_the_running_averages(kata, args):
    seen, _, x_eval = run(kata, args, seed=40)
    check_tensor(seen["eval_out"], eval_output(seen["eval_state"], x_eval),
                 say(f"{call(args)}.eval()(x) after two training batches (bn must normalise with its running_mean "
                     "and running_var, on the model's own weights)",
                     f"两个训练批量之后的 {call(args)}.eval()(x)（bn 应使用它的 running_mean 和 running_var 归一化，"
                     "权重为模型自己的权重）"))


@pytest.mark.parametrize("args", SIZES)
def test_eval_output_of_a_sample_does_not_depend_on_the_batch(kata, args):
    seen, _, x_eval = run(kata, args, seed=50)
    alone = seen["eval_single"]
    for i in range(len(x_eval)):
        check_tensor(alone[i], seen["eval_out"][i : i + 1],
                     say(f"{call(args)}.eval()(x[{i}:{i + 1}]), sample {i} alone, compared with row {i} of "
                         f"{call(args)}.eval()(x) for the whole batch (in eval mode a sample's output must not "
                         "depend on the rest of the batch)",
                         f"{call(args)}.eval()(x[{i}:{i + 1}])（单独的第 {i} 个样本），与整个批量的 "
                         f"{call(args)}.eval()(x) 的第 {i} 行对比"
                         "（评估模式下，一个样本的输出不应受批量中其他样本影响）"))
