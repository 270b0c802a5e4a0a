"""`grade batch` / `grade merge`: a class's submissions graded in parallel into one gradebook;
broken submissions get a row with an error, never stop the batch; sharded runs merge to the
gradebook of one unsharded run."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from grader.batch import student_names
from grader.cli import main

TARGETS = ["--targets", "ch01.ex01", "ch01.ex02"]
EX01, EX02 = "ch01_demo/ex01_passes.py", "ch01_demo/ex02_wrong_value.py"
HEADER = ["student", "ch01.ex01", "ch01.ex02", "total", "max_total", "error"]


def _submissions(repo: Path, root: Path) -> list[Path]:
    solved, stub = repo / "solutions", repo / "exercises"
    for name, files in {"alice": {EX01: solved, EX02: solved}, "bob": {EX01: solved, EX02: stub}}.items():
        base = root / name / ("exercises" if name == "alice" else "")  # both layouts are accepted
        for kata, origin in files.items():
            (base / kata).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin / kata, base / kata)
    with zipfile.ZipFile(root / "carol.zip", "w") as z:
        for kata in (EX01, EX02):
            z.write(solved / kata, f"carol-repo/exercises/{kata}")
    (root / "dave").mkdir()  # handed in nothing: graded, 0 points, no error
    (root / "erin.zip").write_text("not a zip")  # the grader refuses it (exit 2): an error row
    return sorted(root.iterdir())


def _gradebook(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def env(demo_repo):
    with pytest.MonkeyPatch.context() as mp:  # the grading processes inherit these
        mp.setenv("TORCHKATA_ROOT", str(demo_repo))
        mp.setenv("TORCHKATA_LANG", "en")
        yield mp


@pytest.fixture(scope="module")
def graded(env, demo_repo, tmp_path_factory):
    """One unsharded batch over five submissions: (submissions, output folder)."""
    root = tmp_path_factory.mktemp("batch")
    subs = _submissions(demo_repo, root / "subs")
    assert main(["batch", *map(str, subs), *TARGETS, "--out", str(root / "all")]) == 0
    return subs, root / "all"


def test_the_gradebook_has_a_row_per_student_and_a_column_per_kata(graded):
    _, out = graded
    rows = _gradebook(out)
    assert rows[0] == HEADER
    assert [r[:5] for r in rows[1:]] == [
        ["alice", "1", "1", "2", "2"],
        ["bob", "1", "0", "1", "2"],
        ["carol", "1", "1", "2", "2"],
        ["dave", "0", "0", "0", "2"],
        ["erin", "", "", "0", "2"],
    ]
    errors = {r[0]: r[5] for r in rows[1:]}
    assert errors["erin"].startswith("the grader exited with code 2") and "not a readable zip" in errors["erin"]
    assert not any(errors[name] for name in ("alice", "bob", "carol", "dave"))
    assert sorted(p.name for p in (out / "students").iterdir()) == [f"{n}.json" for n in errors]
    assert "not a readable zip file" in (out / "logs" / "erin.txt").read_text()


def test_sharded_runs_merge_to_the_unsharded_gradebook(graded, tmp_path):
    subs, out = graded
    for k in (1, 2):
        assert main(["batch", *map(str, subs), *TARGETS, "--shard", f"{k}/2", "--out", str(tmp_path / f"s{k}")]) == 0
    assert [r[0] for r in _gradebook(tmp_path / "s1")[1:]] == ["alice", "carol", "erin"]
    assert [r[0] for r in _gradebook(tmp_path / "s2")[1:]] == ["bob", "dave"]
    assert main(["merge", str(tmp_path / "s2"), str(tmp_path / "s1"), "--out", str(tmp_path / "merged")]) == 0
    merged = tmp_path / "merged"
    assert (merged / "gradebook.csv").read_text() == (out / "gradebook.csv").read_text()
    names = sorted(p.name for p in (out / "students").iterdir())
    assert sorted(p.name for p in (merged / "students").iterdir()) == names


def test_merge_refuses_a_student_in_two_shards(graded, tmp_path, capsys):
    _, out = graded
    shutil.copytree(out, tmp_path / "copy")
    assert main(["merge", str(out), str(tmp_path / "copy"), "--out", str(tmp_path / "merged")]) == 2
    assert "student 'alice' is in two shards" in capsys.readouterr().err
    assert main(["merge", str(tmp_path / "nothing"), "--out", str(tmp_path / "merged")]) == 2


def _tagged_processes(tag: str) -> list[int]:
    """Processes (other than this one) whose environment carries `tag`."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if tag.encode() in (proc / "environ").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_submission_over_budget_is_killed_with_everything_it_started(env, demo_repo, tmp_path):
    tag = f"BATCH_TEST_{uuid.uuid4().hex}"
    env.setenv(tag, "1")
    (tmp_path / "loop/ch01_demo").mkdir(parents=True)
    (tmp_path / "loop/ch01_demo/ex01_passes.py").write_text("def add(a, b):\n    while True:\n        pass\n")
    start = time.monotonic()
    assert main(["batch", str(tmp_path / "loop"), *TARGETS, "--budget", "4", "--out", str(tmp_path / "out")]) == 0
    assert time.monotonic() - start < 30
    header, row = _gradebook(tmp_path / "out")
    assert header == HEADER  # the kata columns are there even when no student has a report
    assert row[:5] == ["loop", "", "", "0", "2"]
    assert row[5] == "took longer than the budget of 4 s; killed"
    assert (tmp_path / "out/logs/loop.txt").is_file()
    time.sleep(0.5)  # let the kernel reap what the kill left
    assert _tagged_processes(tag) == []


@pytest.mark.parametrize("shard", ["0/2", "3/2", "2", "a/b"])
def test_an_invalid_shard_is_a_usage_error(env, tmp_path, capsys, shard):
    assert main(["batch", str(tmp_path), "--shard", shard, "--out", str(tmp_path / "out")]) == 2
    assert f"--shard must look like 2/5 (got '{shard}')" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_target_is_a_usage_error(env, tmp_path, capsys):
    assert main(["batch", str(tmp_path), "--targets", "dmeo", "--out", str(tmp_path / "out")]) == 2
    assert "no chapter or kata is called 'dmeo'" in capsys.readouterr().err


def test_names_drop_the_suffix_and_are_safe_and_unique():
    paths = [Path("in/Alice.zip"), Path("x/alice"), Path("in/bob smith.ipynb"), Path("in/..evil"), Path("in/张三.zip")]
    assert [name for name, _ in student_names(paths)] == ["Alice", "alice-2", "bob_smith", "evil", "张三"]
