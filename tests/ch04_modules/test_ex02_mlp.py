"""Hidden-reference tests for ch04 · ex02 — the classic MLP with ReLU and dropout."""

import pytest
import torch
from torch import nn

from grader.checks import check_tensor, check_true, say

EXPECTED_SHAPES = {"fc1.weight": (128, 784), "fc1.bias": (128,), "fc2.weight": (10, 128), "fc2.bias": (10,)}


def images(batch, seed):
    return torch.randn(batch, 1, 28, 28, generator=torch.Generator().manual_seed(seed))


def manual_mlp(state, x):
    """What MLP must compute in eval mode, from its own weights."""
    h = torch.relu(x.flatten(1) @ state["fc1.weight"].T + state["fc1.bias"])
    return h @ state["fc2.weight"].T + state["fc2.bias"]


# -- probes (run in the worker with the learner's module) ------------------------------


def state_shapes_probe(mod):
    torch.manual_seed(0)
    return {k: tuple(v.shape) for k, v in mod.MLP().state_dict().items()}


def dropout_ps_probe(mod, *p_drop):
    model = mod.MLP(*p_drop)
    return [m.p for m in model.modules() if isinstance(m, nn.Dropout)]


def forward_probe(mod, x, mode, p_drop, passes=1):
    torch.manual_seed(0)
    model = mod.MLP(p_drop)
    model.train(mode == "train")
    with torch.no_grad():
        outs = [model(x) for _ in range(passes)]
    return {"state": {k: v.detach() for k, v in model.state_dict().items()}, "outs": outs}


def hidden_probe(mod, x, p_drop):
    """fc2's input, in eval mode and then in train mode, for the same weights and x."""
    torch.manual_seed(0)
    model = mod.MLP(p_drop)
    seen = []
    model.fc2.register_forward_pre_hook(lambda module, args: seen.append(args[0].detach().clone()))
    with torch.no_grad():
        model.eval()
        model(x)
        model.train()
        model(x)
    return seen


# -- structure ----------------------------------------------------------------------------


def test_state_dict_holds_fc1_and_fc2_with_their_shapes(kata):
    shapes = kata.probe(state_shapes_probe)
    missing = sorted(set(EXPECTED_SHAPES) - set(shapes))
    extra = sorted(set(shapes) - set(EXPECTED_SHAPES))
    check_true(not missing, f"MLP().state_dict() is missing {missing} (it has {sorted(shapes)}); "
               "name the layers fc1 and fc2",
               f"MLP().state_dict() 缺少 {missing}（现有 {sorted(shapes)}）；请把两层分别命名为 fc1 和 fc2")
    check_true(not extra, f"MLP().state_dict() has unexpected entries {extra}: the MLP is "
               "784 → 128 → 10, with only fc1 and fc2 holding weights",
               f"MLP().state_dict() 中有多余的条目 {extra}：这个 MLP 是 784 → 128 → 10，只有 fc1 和 fc2 带有权重")
    for k, shape in EXPECTED_SHAPES.items():
        check_true(shapes[k] == shape, f"MLP().state_dict()[{k!r}] must have shape {shape} (got {shapes[k]})",
                   f"MLP().state_dict()[{k!r}] 的形状应为 {shape}（实际为 {shapes[k]}）")


@pytest.mark.parametrize("p_drop", [(), (0.35,), (0.5,)])
def test_has_one_dropout_module_with_p_drop(kata, p_drop):
    ps = kata.probe(dropout_ps_probe, *p_drop)
    expected = p_drop[0] if p_drop else 0.2
    call = f"MLP({p_drop[0]})" if p_drop else "MLP()"
    check_true(len(ps) == 1, f"{call} must hold exactly one nn.Dropout module (found {len(ps)}); "
               "create it in __init__ as self.dropout so model.eval() can switch it off",
               f"{call} 应当恰好包含一个 nn.Dropout 模块（实际找到 {len(ps)} 个）；"
               "请在 __init__ 里创建 self.dropout，这样 model.eval() 才能关掉它")
    check_true(ps[0] == expected, f"{call}.dropout.p must be {expected} (got {ps[0]})",
               f"{call}.dropout.p 应为 {expected}（实际为 {ps[0]}）")


# -- forward ------------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [1, 3, 7])
def test_output_is_batch_by_ten(kata, batch):
    got = kata.probe(forward_probe, images(batch, seed=batch), "eval", 0.2)
    out = got["outs"][0]
    check_true(isinstance(out, torch.Tensor), f"MLP()(x) must return a tensor (got {type(out).__name__})",
               f"MLP()(x) 必须返回张量（实际得到 {type(out).__name__}）")
    check_true(tuple(out.shape) == (batch, 10),
               f"MLP()(x) for x of shape ({batch}, 1, 28, 28) must have shape ({batch}, 10) "
               f"(got {tuple(out.shape)})",
               f"x 的形状为 ({batch}, 1, 28, 28) 时，MLP()(x) 的形状应为 ({batch}, 10)"
               f"（实际为 {tuple(out.shape)}）")


def test_logits_are_not_probabilities(kata):
    x = images(6, seed=6)
    out = kata.probe(forward_probe, x, "eval", 0.2)["outs"][0]
    ones = torch.ones(len(x))
    normalised = isinstance(out, torch.Tensor) and out.shape == (len(x), 10) and (
        torch.allclose(out.sum(1), ones, atol=1e-4) or torch.allclose(out.exp().sum(1), ones, atol=1e-4))
    check_true(not normalised, "MLP().eval()(x) must return raw logits, not probabilities (each row of it "
               "is a softmax or log_softmax): return fc2's output as it is, the loss function applies the softmax",
               "MLP().eval()(x) 必须返回原始 logits，而不是概率（它的每一行都是 softmax 或 log_softmax 的结果）："
               "直接返回 fc2 的输出，softmax 由损失函数来做")


def test_logits_can_be_negative(kata):
    x = images(6, seed=7)
    out = kata.probe(forward_probe, x, "eval", 0.2)["outs"][0]
    if not isinstance(out, torch.Tensor):
        return  # test_output_is_batch_by_ten says what it returned instead
    check_true(bool((out < 0).any()), "MLP().eval()(x) must return raw logits, some of them negative "
               f"(got none below 0 among its {out.numel()} values): no ReLU (or sigmoid, softmax) after fc2",
               f"MLP().eval()(x) 必须返回原始 logits，其中应有负数（实际它的 {out.numel()} 个值中没有一个小于 0）："
               "fc2 之后不要再加 ReLU（或 sigmoid、softmax）")


def test_eval_output_is_relu_mlp_of_its_own_weights(kata):
    x = images(5, seed=1)
    got = kata.probe(forward_probe, x, "eval", 0.2)
    check_true(set(got["state"]) == set(EXPECTED_SHAPES),
               f"MLP() must hold exactly the layers fc1 and fc2 (its state_dict has {sorted(got['state'])})",
               f"MLP() 应当只包含 fc1 和 fc2 这两层（它的 state_dict 中有 {sorted(got['state'])}）")
    check_tensor(got["outs"][0], manual_mlp(got["state"], x),
                 say("MLP().eval()(x), compared with fc2(relu(fc1(x.flatten(1)))) on its own weights "
                     "(no softmax at the end)",
                     "MLP().eval()(x)（与用它自己的权重计算的 fc2(relu(fc1(x.flatten(1)))) 对比；最后不要加 softmax）"))


def test_eval_mode_turns_dropout_off(kata):
    x = images(4, seed=2)
    got = kata.probe(forward_probe, x, "eval", 0.5, 2)
    first, second = got["outs"]
    check_tensor(second, first, say("a second call of MLP(0.5).eval()(x) (in eval mode the output must not "
                                    "be random: apply dropout with the nn.Dropout module self.dropout, which "
                                    "model.eval() switches off)",
                                    "第二次调用 MLP(0.5).eval()(x) 的结果（eval 模式下输出不应带随机性："
                                    "请用 nn.Dropout 模块 self.dropout 来做 dropout，model.eval() 会把它关掉）"))


def test_train_mode_applies_dropout(kata):
    x = images(4, seed=3)
    got = kata.probe(forward_probe, x, "train", 0.5, 2)
    first, second = got["outs"]
    check_true(not torch.allclose(first, second),
               "MLP(0.5).train()(x) gave the same output twice: in training mode dropout must zero "
               "random hidden units on every call",
               "MLP(0.5).train()(x) 两次的输出完全相同：训练模式下，dropout 每次调用都应随机把一部分隐藏单元置零")


def test_zero_p_drop_makes_train_equal_eval(kata):
    x = images(3, seed=4)
    train = kata.probe(forward_probe, x, "train", 0.0)["outs"][0]
    evaluate = kata.probe(forward_probe, x, "eval", 0.0)["outs"][0]
    check_tensor(train, evaluate, say("MLP(0.0).train()(x), compared with MLP(0.0).eval()(x) "
                                      "(dropout must use p_drop)",
                                      "MLP(0.0).train()(x)（与 MLP(0.0).eval()(x) 对比；dropout 必须使用 p_drop）"))


def test_dropout_acts_on_the_hidden_layer(kata):
    x = images(8, seed=5)
    seen = kata.probe(hidden_probe, x, 0.5)
    check_true(len(seen) == 2, f"fc2 must run once per forward pass (it ran {len(seen)} times in two passes)",
               f"每次前向传播 fc2 应只运行一次（两次前向传播中它运行了 {len(seen)} 次）")
    hidden_eval, hidden_train = seen
    kept = hidden_train != 0
    check_tensor(hidden_train[kept], 2 * hidden_eval[kept],
                 say("fc2's input in train mode with p_drop=0.5, where not dropped (it must be the eval-mode "
                     "hidden layer scaled by 1/(1-p): dropout goes right after fc1's ReLU, not on the input)",
                     "p_drop=0.5 的训练模式下，fc2 的输入中未被丢弃的部分（应等于 eval 模式下的隐藏层乘以 "
                     "1/(1-p)：dropout 应紧跟在 fc1 的 ReLU 之后，而不是作用在输入上）"))
    alive = hidden_eval > 0
    dropped = (~kept & alive).sum().item() / max(alive.sum().item(), 1)
    check_true(0.35 < dropped < 0.65, f"with p_drop=0.5 about half of the active hidden units must be "
               f"dropped in train mode (dropped {dropped:.0%})",
               f"p_drop=0.5 时，训练模式下应有大约一半被激活的隐藏单元被丢弃（实际丢弃了 {dropped:.0%}）")
