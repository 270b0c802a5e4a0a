"""Hidden-reference tests for ch09 · ex01 — conv → linear: the flattened size."""

import pytest
import torch

from grader.checks import check_equal, check_tensor, say

# (in_channels, height, width, n_classes): square and not, even and odd sides.
SIZES = [(1, 28, 28, 10), (3, 32, 20, 5), (2, 17, 23, 4), (1, 9, 14, 3)]


def _input(c, h, w, batch, seed):
    return torch.randn(batch, c, h, w, generator=torch.Generator().manual_seed(seed))


def output_shape_probe(mod, c, h, w, n_classes, batch):
    """In the worker: build the learner's net and run one batch through it."""
    torch.manual_seed(0)
    net = mod.SmallConvNet(c, h, w, n_classes)
    with torch.no_grad():
        return net(_input(c, h, w, batch, seed=1)).shape


def in_features_probe(mod, c, h, w, n_classes):
    torch.manual_seed(0)
    return mod.SmallConvNet(c, h, w, n_classes).classifier.in_features


def outputs_with_weights_probe(mod, c, h, w, n_classes, state, x):
    """In the worker: give the learner's net the reference weights, then predict."""
    net = mod.SmallConvNet(c, h, w, n_classes)
    net.load_state_dict(state)
    with torch.no_grad():
        return net(x)


def _name(c, h, w, n):
    return f"SmallConvNet({c}, {h}, {w}, {n})"


@pytest.mark.parametrize("c, h, w, n", SIZES)
def test_forward_gives_one_row_of_logits_per_image(kata, c, h, w, n):
    got = kata.probe(output_shape_probe, c, h, w, n, 4)
    check_equal(got, torch.Size([4, n]), say(f"{_name(c, h, w, n)}(x).shape for x of shape (4, {c}, {h}, {w})",
                                             f"x 形状为 (4, {c}, {h}, {w}) 时的 {_name(c, h, w, n)}(x).shape"))


@pytest.mark.parametrize("c, h, w, n", SIZES)
def test_classifier_in_features_is_the_flattened_feature_map(kata, ref, c, h, w, n):
    expected = ref.SmallConvNet(c, h, w, n).classifier.in_features
    got = kata.probe(in_features_probe, c, h, w, n)
    check_equal(got, expected, f"{_name(c, h, w, n)}.classifier.in_features")


@pytest.mark.parametrize("c, h, w, n", SIZES[1:3])
def test_same_weights_give_the_reference_outputs(kata, ref, c, h, w, n):
    torch.manual_seed(7)
    net = ref.SmallConvNet(c, h, w, n)
    x = _input(c, h, w, 3, seed=8)
    with torch.no_grad():
        expected = net(x)
    got = kata.probe(outputs_with_weights_probe, c, h, w, n, net.state_dict(), x)
    check_tensor(got, expected, say(f"{_name(c, h, w, n)} with the reference weights, on x",
                                    f"载入参考权重的 {_name(c, h, w, n)} 在 x 上的输出"))
