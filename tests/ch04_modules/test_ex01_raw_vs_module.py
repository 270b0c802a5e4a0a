"""Hidden-reference tests for ch04 · ex01 — the same network, by hand and as an nn.Module."""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, hint, say

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


def ref_grads(ref, params, x):
    params = {k: v.clone().requires_grad_() for k, v in params.items()}
    ref.forward_raw(params, x).sum().backward()
    return {k: v.grad for k, v in params.items()}


# -- probes (run in the worker with the learner's module) ------------------------------


def params_info_probe(mod, n_in, n_hidden, n_out):
    params = mod.make_params(n_in, n_hidden, n_out)
    if not isinstance(params, dict):
        return type(params).__name__
    return {k: {"shape": tuple(v.shape), "requires_grad": bool(v.requires_grad), "is_leaf": bool(v.is_leaf),
                "dtype": v.dtype}
            for k, v in params.items() if isinstance(v, torch.Tensor)}


def params_values_probe(mod, n_in, n_hidden, n_out, seed):
    torch.manual_seed(seed)
    return {k: v.detach() for k, v in mod.make_params(n_in, n_hidden, n_out).items()}


def raw_grads_probe(mod, params, x):
    params = {k: v.clone().requires_grad_() for k, v in params.items()}
    mod.forward_raw(params, x).sum().backward()
    return {k: v.grad for k, v in params.items()}


def net_probe(mod, sizes, x, seed):
    torch.manual_seed(seed)
    net = mod.TwoLayerNet(*sizes)
    with torch.no_grad():
        out = net(x)
    return {"state": {k: v.detach() for k, v in net.state_dict().items()}, "out": out,
            "trainable": sum(p.numel() for p in net.parameters() if p.requires_grad)}


# -- make_params --------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES)
def test_make_params_returns_the_four_shapes(kata, sizes):
    n_in, n_hidden, n_out = sizes
    info = kata.probe(params_info_probe, *sizes)
    check_true(isinstance(info, dict), f"make_params{sizes} must return a dict (got {info})",
               f"make_params{sizes} 必须返回 dict（实际得到 {info}）")
    expected = {"w1": (n_hidden, n_in), "b1": (n_hidden,), "w2": (n_out, n_hidden), "b2": (n_out,)}
    check_true(set(info) == set(expected),
               f"make_params{sizes} must return tensors under the keys {sorted(expected)} "
               f"(got {sorted(info)})",
               f"make_params{sizes} 返回的张量必须放在键 {sorted(expected)} 下（实际为 {sorted(info)}）")
    for k, shape in expected.items():
        check_true(info[k]["shape"] == shape,
                   f"make_params{sizes}[{k!r}] must have shape {shape} (got {info[k]['shape']}); "
                   "weights are (out_features, in_features), like nn.Linear",
                   f"make_params{sizes}[{k!r}] 的形状应为 {shape}（实际为 {info[k]['shape']}）；"
                   "权重的形状是 (out_features, in_features)，和 nn.Linear 一样")
        check_equal(info[k]["dtype"], torch.float32, f"make_params{sizes}[{k!r}].dtype")


def test_make_params_tensors_are_leaves_that_require_grad(kata):
    info = kata.probe(params_info_probe, 6, 9, 4)
    check_true(isinstance(info, dict), f"make_params(6, 9, 4) must return a dict (got {info})",
               f"make_params(6, 9, 4) 必须返回 dict（实际得到 {info}）")
    for k, v in info.items():
        check_true(v["requires_grad"], f"make_params(6, 9, 4)[{k!r}] must require grad",
                   f"make_params(6, 9, 4)[{k!r}] 必须 requires_grad=True")
        check_true(v["is_leaf"], f"make_params(6, 9, 4)[{k!r}] must be a leaf tensor, but it is the "
                   "result of an operation (e.g. torch.randn(..., requires_grad=True) * 0.1); an optimizer "
                   "cannot update it. Scale first, then call .requires_grad_()",
                   f"make_params(6, 9, 4)[{k!r}] 必须是叶子张量，但它是某个运算的结果（例如 "
                   "torch.randn(..., requires_grad=True) * 0.1），优化器无法更新它。请先缩放，再调用 .requires_grad_()")


def test_make_params_weights_are_small_random_and_biases_zero(kata):
    params = kata.probe(params_values_probe, 60, 80, 50, 0)
    for k in ("w1", "w2"):
        std = params[k].std().item()
        check_true(0.08 < std < 0.12, f"make_params(60, 80, 50)[{k!r}] must be torch.randn(...) * 0.1 "
                   f"(standard deviation about 0.1, got {std:.4f})",
                   f"make_params(60, 80, 50)[{k!r}] 应为 torch.randn(...) * 0.1（标准差约为 0.1，实际为 {std:.4f}）")
    for k in ("b1", "b2"):
        check_tensor(params[k], torch.zeros_like(params[k]), f"make_params(60, 80, 50)[{k!r}]")


def test_make_params_weights_change_with_the_random_seed(kata):
    a = kata.probe(params_values_probe, 5, 6, 3, 1)
    b = kata.probe(params_values_probe, 5, 6, 3, 2)
    check_true(not torch.equal(a["w1"], b["w1"]),
               "make_params(5, 6, 3) returned the same w1 under two different seeds of torch.manual_seed: "
               "draw the weights with torch.randn (and do not reseed inside make_params)",
               "用 torch.manual_seed 设置两个不同的种子，make_params(5, 6, 3) 却返回了相同的 w1："
               "请用 torch.randn 生成权重（不要在 make_params 里重新设置种子）")


# -- forward_raw --------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES)
def test_forward_raw_matches_reference(kata, ref, sizes):
    params, x = random_params(*sizes, seed=sum(sizes)), random_x(5, sizes[0], seed=1)
    check_tensor(kata.forward_raw(params, x), ref.forward_raw(params, x), "forward_raw(params, x)")


def test_forward_raw_lets_gradients_reach_every_parameter(kata, ref):
    params, x = random_params(6, 9, 4, seed=3), random_x(7, 6, seed=4)
    expected = ref_grads(ref, params, x)
    with hint("keep the whole computation in torch, so autograd can follow it back to every parameter "
              "(no .detach(), .data or NumPy)",
              "整个计算都要用 torch 完成，autograd 才能一路追溯到每个参数（不要用 .detach()、.data 或 NumPy）"):
        got = kata.probe(raw_grads_probe, params, x)
        for k in expected:
            check_true(got.get(k) is not None, f"after forward_raw(params, x).sum().backward(), "
                       f"params[{k!r}].grad must not be None",
                       f"执行 forward_raw(params, x).sum().backward() 之后，params[{k!r}].grad 不应为 None")
            check_tensor(got[k], expected[k],
                         say(f"params[{k!r}].grad after forward_raw(params, x).sum().backward()",
                             f"执行 forward_raw(params, x).sum().backward() 之后的 params[{k!r}].grad"))


# -- TwoLayerNet --------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", SIZES)
def test_two_layer_net_has_fc1_and_fc2_of_the_right_shapes(kata, sizes):
    n_in, n_hidden, n_out = sizes
    got = kata.probe(net_probe, sizes, random_x(2, n_in, seed=0), 0)
    shapes = {k: tuple(v.shape) for k, v in got["state"].items()}
    expected = {"fc1.weight": (n_hidden, n_in), "fc1.bias": (n_hidden,),
                "fc2.weight": (n_out, n_hidden), "fc2.bias": (n_out,)}
    check_true(shapes == expected, f"TwoLayerNet{sizes}.state_dict() must hold {expected}\n  got {shapes}",
               f"TwoLayerNet{sizes}.state_dict() 应包含 {expected}\n  实际为 {shapes}")


@pytest.mark.parametrize("sizes", SIZES)
def test_two_layer_net_computes_the_same_as_forward_raw(kata, ref, sizes):
    x = random_x(5, sizes[0], seed=2)
    got = kata.probe(net_probe, sizes, x, 7)
    s = got["state"]
    params = {"w1": s["fc1.weight"], "b1": s["fc1.bias"], "w2": s["fc2.weight"], "b2": s["fc2.bias"]}
    check_tensor(got["out"], ref.forward_raw(params, x),
                 say(f"TwoLayerNet{sizes}(x), compared with forward_raw on the same weights",
                     f"TwoLayerNet{sizes}(x)（与相同权重下的 forward_raw 对比）"))
