"""Hidden-reference tests for ch04 · ex11 — copying raw weights into an nn.Module."""

import pytest
import torch

from grader.checks import check_tensor, check_true, hint, say

SIZES = [(4, 8, 3), (7, 5, 2), (10, 16, 6)]  # (n_in, n_hidden, n_out), never square


def random_params(n_in, n_hidden, n_out, seed):
    g = torch.Generator().manual_seed(seed)
    return {
        "w1": torch.randn(n_hidden, n_in, generator=g),
        "b1": torch.randn(n_hidden, generator=g),
        "w2": torch.randn(n_out, n_hidden, generator=g),
        "b2": torch.randn(n_out, generator=g),
    }


def random_x(batch, n_in, seed):
    return torch.randn(batch, n_in, generator=torch.Generator().manual_seed(seed))


def raw_forward(params, x):
    """The network the weights describe, by hand."""
    return torch.relu(x @ params["w1"].T + params["b1"]) @ params["w2"].T + params["b2"]


# -- probes (run in the worker with the learner's module) ------------------------------


def from_params_probe(mod, params, x):
    params = {k: v.clone().requires_grad_() for k, v in params.items()}  # as make_params of ex01 gives them
    torch.manual_seed(0)  # the layers' own initial weights, where an answer leaves some uncopied
    net = mod.module_from_params(params)
    with torch.no_grad():
        out = net(x)
    return {"type": type(net).__name__, "is_two_layer_net": isinstance(net, mod.TwoLayerNet), "out": out,
            "trainable": sum(p.numel() for p in net.parameters() if p.requires_grad and p.is_leaf)}


def from_params_copy_probe(mod, params, x):
    params = {k: v.clone().requires_grad_() for k, v in params.items()}
    torch.manual_seed(0)
    net = mod.module_from_params(params)
    with torch.no_grad():
        before = net(x)
        for v in params.values():
            v.add_(1.0)  # change the dict's tensors in place
        after = net(x)
    return before, after


# -- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES)
def test_module_from_params_gives_the_same_outputs_as_the_raw_network(kata, sizes):
    params, x = random_params(*sizes, seed=10 + sum(sizes)), random_x(4, sizes[0], seed=5)
    with hint("build a TwoLayerNet of the sizes in params, then copy all four tensors into its parameters "
              "inside `with torch.no_grad():` (net.fc1.weight.copy_(params['w1']), ...)",
              "按 params 中的尺寸建一个 TwoLayerNet，然后在 `with torch.no_grad():` 里把四个张量都复制进它的参数"
              "（net.fc1.weight.copy_(params['w1'])，……）"):
        got = kata.probe(from_params_probe, params, x)
        check_true(got["is_two_layer_net"],
                   f"module_from_params(params) must return a TwoLayerNet (got {got['type']})",
                   f"module_from_params(params) 必须返回 TwoLayerNet（实际得到 {got['type']}）")
        check_tensor(got["out"], raw_forward(params, x),
                     say("module_from_params(params)(x), compared with relu(x @ w1.T + b1) @ w2.T + b2",
                         "module_from_params(params)(x)（与 relu(x @ w1.T + b1) @ w2.T + b2 对比）"))


def test_module_from_params_keeps_every_weight_trainable(kata):
    n_in, n_hidden, n_out = 7, 5, 2
    params, x = random_params(n_in, n_hidden, n_out, seed=0), random_x(3, n_in, seed=0)
    got = kata.probe(from_params_probe, params, x)
    expected = n_hidden * n_in + n_hidden + n_out * n_hidden + n_out
    check_true(got["trainable"] == expected, f"module_from_params(params) must have {expected} trainable "
               f"numbers in its parameters, each in a leaf that requires grad (got {got['trainable']}): copy "
               "inside `with torch.no_grad():`, so the copy is not recorded in the graph, instead of switching "
               "requires_grad off",
               f"module_from_params(params) 的参数中应有 {expected} 个可训练的数，且都在需要梯度的叶子张量里"
               f"（实际为 {got['trainable']}）：请在 `with torch.no_grad():` 里复制，使复制操作不进入计算图，"
               "而不是关掉 requires_grad")


def test_module_from_params_copies_the_weights(kata):
    params, x = random_params(7, 5, 2, seed=6), random_x(3, 7, seed=6)
    before, after = kata.probe(from_params_copy_probe, params, x)
    check_tensor(after, before, say("module_from_params(params)(x) after params was changed in place (the module "
                                    "must hold copies of the weights, not the dict's own tensors)",
                                    "原地修改 params 之后的 module_from_params(params)(x)"
                                    "（模块应持有权重的副本，而不是字典里的那些张量本身）"))
