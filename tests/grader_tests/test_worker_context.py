"""What the worker tells about the learner's code beyond its answers: where a call that
timed out was stuck (its stack, sampled before the kill), and the chapter's other kata
files, importable from a kata (the capstone reuses ex01-ex04)."""

import json

from grader.sandbox.stuck import where

from .conftest import make_repo, run_grade

LOOPS = '''"""Add two numbers."""

import torch


def slow_sum(a, b):
    total = torch.zeros(1)
    while True:
        total = total + torch.ones(1) * a
    return total


def add(a, b):
    return slow_sum(a, b) + b
'''


def test_a_timeout_names_the_line_it_was_stuck_on_and_its_loop(tmp_path):
    repo = make_repo(tmp_path, {"ex01_loops": LOOPS}, timeouts={"ex01_loops": 1.5})
    expected = {"en": ("it was running ex01_loops.py, line 9, in slow_sum: total = total + torch.ones(1) * a",
                       "inside the loop at line 8: while True:"),
                "zh": ("当时正在运行 ex01_loops.py 第 9 行（slow_sum 函数中）：",
                       "位于第 8 行开始的循环里：while True:")}
    for lang, (running, loop) in expected.items():
        report = tmp_path / f"{lang}.json"
        proc = run_grade(repo, "ch01", "--lang", lang, "--json", str(report))
        message = json.loads(report.read_text())["katas"][0]["message"]
        assert running in message and loop in message, proc.stdout
        assert "most recent call first" not in proc.stdout  # the stack dump is not shown as printed output


def test_the_stuck_line_is_the_innermost_of_the_learners_own_frames():
    dump = ('Current thread 0x00007f (most recent call first):\n'
            '  File "/site/torch/nn/modules/linear.py", line 125 in forward\n'
            '  File "/sub/ch05/ex03_train.py", line 4 in step\n'
            '  File "/sub/ch05/ex03_train.py", line 8 in train\n'
            '  File "<kata_probe_0>", line 3 in probe\n')
    source = "import torch\n\ndef step(model, x):\n    return model(x)\n\ndef train(model, x):\n" \
             "    for _ in range(10**9):\n        step(model, x)\n"
    text = where(dump, {"/sub/ch05/ex03_train.py": source}, "en")
    assert text == ("it was running ex03_train.py, line 4, in step: return model(x)\n"  # step has no loop:
                    "  inside the loop at line 7: for _ in range(10**9):")  # its caller's loop is the one
    assert where(dump, {"/elsewhere/ex03_train.py": source}, "en") == ""  # a frame of no learner file
    assert where("", {"/sub/ch05/ex03_train.py": source}, "en") == ""  # no dump: nothing said


HELPER = '''"""Add two numbers."""


def add(a, b):
    return a + b


def broken(a):
    return [][a]
'''

USES_HELPER = '''"""Add two numbers, with the chapter's ex01."""

from ex01_helper import add as plus


def add(a, b):
    return plus(a, b)
'''

USES_BROKEN = '''"""Add two numbers, through ex01's broken helper."""

from ex01_helper import broken


def add(a, b):
    return broken(a) + b
'''


def test_a_kata_imports_the_chapters_other_kata_files_and_their_lines_show(tmp_path):
    repo = make_repo(tmp_path, {"ex01_helper": HELPER, "ex02_uses_helper": USES_HELPER,
                                "ex03_uses_broken": USES_BROKEN})
    report = tmp_path / "report.json"
    proc = run_grade(repo, "ch01", "--json", str(report))
    katas = {k["full_key"].split(".")[-1]: k for k in json.loads(report.read_text())["katas"]}
    assert katas["ex02_uses_helper"]["status"] == "passed", proc.stdout
    failing = katas["ex03_uses_broken"]
    assert failing["status"] == "failing"
    assert 'File "ex01_helper.py", line 9, in broken' in failing["message"]  # the imported file's own line
    assert 'File "ex03_uses_broken.py", line 7, in add' in failing["message"]


CAPSTONE_FROM_PARTS = '''"""ch07 · ex05, built from the learner's own ex01-ex03."""

import torch
from torch import nn

from ex01_loaders import make_loaders
from ex02_model import build_model
from ex03_train_epoch import train_one_epoch


def train_mnist(data_dir, progress=None):
    torch.manual_seed(0)
    train_loader, _ = make_loaders(data_dir, batch_size=64)
    model = build_model()
    train_one_epoch(model, train_loader, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss())
    return model
'''


def test_the_mnist_capstone_reuses_the_chapters_earlier_katas(tmp_path):
    from grader import paths

    chapter = tmp_path / "mine" / "ch07_mnist"
    chapter.mkdir(parents=True)
    for kata in ("ex01_loaders", "ex02_model", "ex03_train_epoch", "ex04_evaluate"):
        (chapter / f"{kata}.py").write_text((paths.SOLUTIONS / "ch07_mnist" / f"{kata}.py").read_text())
    (chapter / "ex05_capstone.py").write_text(CAPSTONE_FROM_PARTS)
    for folder in (tmp_path, tmp_path / "mine", chapter):
        folder.chmod(0o755)
    report = tmp_path / "report.json"
    proc = run_grade(paths.ROOT, "ch07.ex05", "--source", str(tmp_path / "mine"), "--json", str(report))
    [kata] = json.loads(report.read_text())["katas"]
    assert kata["status"] == "passed", proc.stdout + proc.stderr


BACKWARD_WITHOUT_GRAPH = '''"""Add two numbers, through autograd gone wrong."""

import torch


def add(a, b):
    t = torch.tensor(float(a))
    (t * 2).backward()
    return a + b
'''


def test_a_traceback_shows_only_the_learners_own_lines(tmp_path):
    repo = make_repo(tmp_path, {"ex01_backward": BACKWARD_WITHOUT_GRAPH})
    report = tmp_path / "report.json"
    run_grade(repo, "ch01", "--json", str(report))
    [kata] = json.loads(report.read_text())["katas"]
    frames = [line.strip() for line in kata["message"].splitlines() if line.strip().startswith("File ")]
    assert frames == ['File "ex01_backward.py", line 8, in add']  # not torch's _tensor.py or autograd/__init__.py
