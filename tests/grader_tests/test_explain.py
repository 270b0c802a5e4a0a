"""Torch's own error messages get one plain sentence under them (grader/explain.py).

Each error is raised by real torch code here, so that a change in torch's wording fails
these tests instead of silently dropping the sentence. Errors this machine cannot raise
(a GPU beside the CPU, a build without CUDA) and torch 2.2's wordings are checked on the
exact text from torch's source.
"""

from __future__ import annotations

import json
import re
import string
import warnings

import pytest
import torch
from torch import nn

from grader.explain import EXPLANATIONS, explain


def raised(fn) -> str:
    """The error `fn` raises, as the judge shows it: "RuntimeError: ..."."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn()
    except Exception as e:  # noqa: BLE001 - any of torch's errors
        return f"{type(e).__name__}: {e}"
    raise AssertionError("torch did not raise")


def backward_twice() -> None:
    y = torch.ones(2, requires_grad=True).exp().sum()
    y.backward()
    y.backward()


def modify_saved_output() -> None:
    y = torch.ones(2, requires_grad=True).sigmoid()
    y.mul_(2)
    y.sum().backward()


# name -> (code raising torch's error, what the English sentence names, what the Chinese one names)
REAL = {
    "no_graph": (lambda: torch.ones(2).sum().backward(), ["requires_grad=True", ".detach()"],
                 ["requires_grad=True", "计算图"]),
    "graph_cut_by_detach": (lambda: torch.ones(2, requires_grad=True).sum().detach().backward(),
                            ["requires_grad=True"], ["计算图"]),
    "linear_in_features": (lambda: nn.Linear(10, 5)(torch.ones(4, 3)), ["(4×3) @ (10×5)", "3 ≠ 10", "in_features",
                                                                         "Flatten"], ["3 ≠ 10", "in_features"]),
    "matmul": (lambda: torch.ones(2, 3) @ torch.ones(4, 5), ["(2×3) @ (4×5)", "3 ≠ 4"], ["(2×3) @ (4×5)", "3 ≠ 4"]),
    "linear_double_input": (lambda: nn.Linear(3, 2)(torch.ones(1, 3, dtype=torch.float64)),
                            ["Double and Float", ".float()"], ["Double 和 Float", ".float()"]),
    "linear_long_input": (lambda: nn.Linear(3, 2)(torch.ones(1, 3, dtype=torch.long)),
                          ["Long and Float", ".float()"], ["Long 和 Float", ".float()"]),
    "mm_dtypes": (lambda: torch.ones(2, 3) @ torch.ones(3, 2, dtype=torch.float64), ["float and double"],
                  ["float 和 double"]),
    "conv_without_bias_double": (lambda: nn.Conv2d(1, 2, 3, bias=False)(torch.ones(1, 1, 5, 5, dtype=torch.float64)),
                                 ["Double and Float"], ["Double 和 Float"]),
    "conv_double": (lambda: nn.Conv2d(1, 2, 3)(torch.ones(1, 1, 5, 5, dtype=torch.float64)),
                    ["(double)", "bias (float)", ".float()"], ["（double）", "bias（float）", ".float()"]),
    "float_class_labels": (lambda: nn.CrossEntropyLoss()(torch.randn(4, 3), torch.tensor([0.0, 1.0, 2.0, 1.0])),
                           ["got Float", ".long()", "CrossEntropyLoss"], ["Float", ".long()"]),
    "float_target_for_bce": (lambda: nn.BCELoss()(torch.rand(4), torch.tensor([0, 1, 1, 0])),
                             ["Long target", "expects Float", ".float()"], ["Float", "Long", ".float()"]),
    "float_into_long": (lambda: torch.ones(3, dtype=torch.long).add_(torch.ones(3) * 0.5),
                        ["Float values", "Long tensor", ".float()"], ["Float", "Long", ".float()"]),
    "meta_and_cpu": (lambda: torch.ones(2, device="meta") + torch.ones(2), ["on cpu", "on meta", ".to(device)"],
                     ["cpu", "meta", ".to(device)"]),
    "view_after_transpose": (lambda: torch.ones(2, 3).t().view(6), [".reshape(", ".contiguous().view("],
                             [".reshape(", ".contiguous().view("]),
    "leaf_in_place": (lambda: torch.ones(2, requires_grad=True).sub_(1), ["torch.no_grad()"],
                      ["torch.no_grad()", "叶子节点"]),
    "backward_twice": (backward_twice, ["retain_graph=True", "loss.item()"], ["retain_graph=True", "loss.item()"]),
    "embedding_index": (lambda: nn.Embedding(10, 3)(torch.tensor([3, 12])), ["num_embeddings"], ["num_embeddings"]),
    "index_out_of_bounds": (lambda: torch.ones(3, 5)[:, 7], ["index 7", "dimension 1", "size 5"],
                            ["索引 7", "第 1 维", "大小是 5"]),
    "class_label_too_large": (lambda: nn.CrossEntropyLoss()(torch.randn(4, 3), torch.tensor([0, 1, 5, 1])),
                              ["label is 5"], ["标签是 5"]),
    "backward_of_a_vector": (lambda: (torch.ones(3, requires_grad=True) * 2).backward(), [".mean()", "gradient="],
                             [".mean()", "gradient="]),
    "broadcast": (lambda: torch.ones(2, 3) * torch.ones(2, 4), ["dimension 1", "size 3", "the other 4"],
                  ["第 1 维", "3", "4", "广播"]),
    "batch_sizes": (lambda: nn.CrossEntropyLoss()(torch.randn(4, 3), torch.tensor([0, 1, 2])),
                    ["4 predictions for 3 targets"], ["4 个预测", "3 个"]),
    "modified_in_place": (modify_saved_output, ["output of Sigmoid", "shape [2]"], ["Sigmoid 的输出", "[2]"]),
    "conv_channels": (lambda: nn.Conv2d(3, 8, 3)(torch.ones(1, 1, 8, 8)), ["3 input channels", "[1, 1, 8, 8]", "has 1"],
                      ["3 个输入通道", "[1, 1, 8, 8]", "是 1"]),
    "conv_of_one_image": (lambda: nn.Conv2d(3, 8, 3)(torch.ones(28, 28)), ["shape [28, 28]", "unsqueeze"],
                          ["[28, 28]", "unsqueeze"]),
    "stack_of_unequal_samples": (lambda: torch.stack([torch.ones(2), torch.ones(3)]), ["[2]", "[3]"], ["[2]", "[3]"]),
    "view_to_wrong_size": (lambda: torch.ones(6).view(4, 2), ["[4, 2]", "6 elements"], ["[4, 2]", "6 个元素"]),
    "numpy_of_tracked_tensor": (lambda: torch.ones(2, requires_grad=True).numpy(), [".detach().numpy()"],
                                [".detach().numpy()"]),
}

# Wordings this machine cannot raise, from torch's source: torch 2.2's and those that need a GPU.
QUOTED = {
    "two_devices_2_2": ("RuntimeError: Expected all tensors to be on the same device, but found at least two devices, "
                        "cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)",
                        ["cuda:0", "cpu", ".to(device)"], ["cuda:0", "cpu", ".to(device)"]),
    "two_devices": ("RuntimeError: Expected all tensors to be on the same device, but got mat2 is on cuda:0, "
                    "different from other tensors on cpu (when checking argument in method wrapper_CUDA_mm)",
                    ["cuda:0", "cpu", ".to(device)"], ["cuda:0", "cpu", ".to(device)"]),
    "device_of_an_argument": ("RuntimeError: Expected all tensors to be on the same device. addmm: expected 'mat2' "
                              "to be CUDA, but got CPU", [".to(device)"], [".to(device)", "设备"]),
    "input_and_weight_devices": ("RuntimeError: Input type (torch.FloatTensor) and weight type "
                                 "(torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor "
                                 "and weight is a dense tensor",
                                 ["(torch.FloatTensor)", "(torch.cuda.FloatTensor)", ".to(device)"],
                                 ["torch.cuda.FloatTensor", ".to(device)"]),
    "no_cuda_build": ("AssertionError: Torch not compiled with CUDA enabled", ["torch.cuda.is_available()"],
                      ["torch.cuda.is_available()", "GPU"]),
    "no_visible_gpu": ("RuntimeError: No CUDA GPUs are available", ["torch.cuda.is_available()"], ["GPU"]),
    "same_dtype_2_2": ("RuntimeError: mat1 and mat2 must have the same dtype", [".float()"], [".float()"]),
    "scalar_type": ("RuntimeError: expected scalar type Long but found Float", ["Long and Float", ".long()"],
                    ["Long 和 Float", ".long()"]),
    "modified_in_place_2_2": ("RuntimeError: one of the variables needed for gradient computation has been modified by "
                              "an inplace operation: [torch.FloatTensor [4, 3]], which is output 0 of ReluBackward0, "
                              "is at version 1; expected version 0 instead.", ["output of Relu", "[4, 3]"],
                              ["Relu 的输出", "[4, 3]"]),
    "modified_leaf": ("RuntimeError: one of the variables needed for gradient computation has been modified by an "
                      "inplace operation: [torch.FloatTensor [3]] is at version 2; expected version 1 instead.",
                      ["x *= 2"], ["x *= 2"]),
}

CASES = [pytest.param(raised(fn), en, zh, id=name) for name, (fn, en, zh) in REAL.items()]
CASES += [pytest.param(text, en, zh, id=name) for name, (text, en, zh) in QUOTED.items()]


@pytest.mark.parametrize(("error", "en", "zh"), CASES)
def test_a_beginners_error_is_explained_with_its_sizes_dtypes_and_devices(error, en, zh):
    english, chinese = explain(error, "en"), explain(error, "zh")
    assert english is not None and chinese is not None, error
    assert all(part in english for part in en), (error, english)
    assert all(part in chinese for part in zh), (error, chinese)
    assert re.search(r"[\u4e00-\u9fff]", chinese) and not re.search(r"[\u4e00-\u9fff]", english)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU, so CUDA does not fail")
def test_asking_for_cuda_without_a_gpu_is_explained():
    error = raised(lambda: torch.ones(1, device="cuda"))
    assert "torch.cuda.is_available()" in (explain(error, "en") or ""), error
    assert "GPU" in (explain(error, "zh") or ""), error


@pytest.mark.parametrize("error", [
    raised(lambda: [][1]),  # Python's own IndexError, not torch's
    raised(lambda: torch.cat([torch.ones(2, 2), torch.ones(3, 3)])),
    "ValueError: the learner's own message",
    "",
])
def test_an_unknown_error_gets_no_sentence(error):
    assert explain(error, "en") is None and explain(error, "zh") is None


@pytest.mark.parametrize("entry", EXPLANATIONS, ids=lambda e: e.pattern.pattern[:40])
def test_every_sentence_fills_in_only_what_its_pattern_captures(entry):
    for text in (entry.en, entry.zh):
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert fields <= set(entry.pattern.groupindex), (text, entry.pattern.pattern)


SHAPE_ERROR = '''"""Add two numbers, through a matrix product of the wrong shape."""
import torch


def add(a, b):
    layer = torch.nn.Linear(10, 5)
    return layer(torch.ones(4, 3)).sum().item() + a + b
'''

IMPORT_ERROR = '''"""Add two numbers, after a backward() at import that has no graph."""
import torch

torch.ones(2).sum().backward()


def add(a, b):
    return a + b
'''


@pytest.fixture(scope="module")
def explained_repo(tmp_path_factory, kata_repo):
    return kata_repo(tmp_path_factory.mktemp("explain"), {"ex01_shape_error": SHAPE_ERROR,
                                                          "ex02_import_error": IMPORT_ERROR})


@pytest.mark.parametrize(("lang", "label", "words"), [
    ("en", "what this means: ", "in_features (10 here)"),
    ("zh", "报错含义：", "in_features（这里是 10）"),
])
def test_grading_a_shape_error_shows_the_sentence_under_torchs_text(explained_repo, grade_cli, lang, label, words):
    report = explained_repo / f"report-{lang}.json"
    proc = grade_cli(explained_repo, "ch01", "--lang", lang, "--json", str(report))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    error = out.find("mat1 and mat2 shapes cannot be multiplied (4x3 and 10x5)\n")
    said = out.find(label)
    assert 0 <= error < said < out.find('File "ex01_shape_error.py", line 7, in add'), out
    assert out[error:said].count("\n") == 1 and words in out, out  # on the line right under torch's
    shape, at_import = (k["message"] for k in json.loads(report.read_text(encoding="utf-8"))["katas"])
    assert shape.splitlines()[0].endswith("RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x3 and 10x5)")
    assert label + explain("mat1 and mat2 shapes cannot be multiplied (4x3 and 10x5)", lang) in shape
    no_graph = explain("element 0 of tensors does not require grad and does not have a grad_fn", lang)
    assert label + no_graph in at_import  # a torch error at import is explained too
