"""`grade batch` / `grade merge`: a class's submissions graded in parallel into one gradebook;
broken submissions get a row with an error, never stop the batch; sharded runs merge to the
gradebook of one unsharded run."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from grader.batch import Row, _shard, student_names
from grader.cli import main
from grader.github import batch_summary

from .test_report_schema import validate

TARGETS = ["--targets", "ch01.ex01", "ch01.ex02"]
EX01, EX02 = "ch01_demo/ex01_passes.py", "ch01_demo/ex02_wrong_value.py"
HEADER = ["student", "ch01.ex01", "ch01.ex02", "total", "max_total", "error", "notes"]


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
        z.writestr("carol-repo/README.md", "my work")
    (root / "dave").mkdir()  # handed in nothing: an error row, never a silent 0
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
    assert main(["batch", *map(str, subs), *TARGETS, "--out", str(root / "all")]) == 1  # dave and erin: errors
    return subs, root / "all"


def test_the_gradebook_has_a_row_per_student_and_a_column_per_kata(graded):
    _, out = graded
    rows = _gradebook(out)
    assert rows[0] == HEADER
    assert [r[:5] for r in rows[1:]] == [
        ["alice", "1", "1", "2", "2"],
        ["bob", "1", "0", "1", "2"],
        ["carol", "1", "1", "2", "2"],
        ["dave", "", "", "0", "2"],
        ["erin", "", "", "0", "2"],
    ]
    errors = {r[0]: r[5] for r in rows[1:]}
    assert errors["erin"].startswith("the grader exited with code 2") and "not a readable zip" in errors["erin"]
    assert errors["dave"].startswith("the grader exited with code 2: error: no kata files found in")
    assert not any(errors[name] for name in ("alice", "bob", "carol"))
    notes = {r[0]: r[6] for r in rows[1:]}
    assert notes["carol"] == "ignored (not kata files): carol-repo/README.md"
    assert "submission: ignored (not kata files): carol-repo/README.md" in (out / "logs" / "carol.txt").read_text()
    assert sorted(p.name for p in (out / "students").iterdir()) == [f"{n}.json" for n in errors]
    assert "not a readable zip file" in (out / "logs" / "erin.txt").read_text()


def test_sharded_runs_merge_to_the_unsharded_gradebook(graded, tmp_path):
    subs, out = graded
    for k in (1, 2):
        assert main(["batch", *map(str, subs), *TARGETS, "--shard", f"{k}/2", "--out", str(tmp_path / f"s{k}")]) == 1
    assert [r[0] for r in _gradebook(tmp_path / "s1")[1:]] == ["alice", "carol", "erin"]
    assert [r[0] for r in _gradebook(tmp_path / "s2")[1:]] == ["bob", "dave"]
    assert main(["merge", str(tmp_path / "s2"), str(tmp_path / "s1"), "--out", str(tmp_path / "merged")]) == 0
    merged = tmp_path / "merged"
    assert (merged / "gradebook.csv").read_text() == (out / "gradebook.csv").read_text()
    names = sorted(p.name for p in (out / "students").iterdir())
    assert sorted(p.name for p in (merged / "students").iterdir()) == names


def test_merge_refuses_whole_runs_and_folders_that_are_not_batch_outputs(graded, tmp_path, capsys):
    _, out = graded
    shutil.copytree(out, tmp_path / "copy")
    assert main(["merge", str(out), str(tmp_path / "copy"), "--out", str(tmp_path / "merged")]) == 2
    assert "a folder without a shard covers the whole class already" in capsys.readouterr().err
    assert main(["merge", str(tmp_path / "nothing"), "--out", str(tmp_path / "merged")]) == 2


@pytest.fixture(scope="module")
def shards(graded, tmp_path_factory):
    """The class graded in two shards: the folders s1 and s2."""
    subs, _ = graded
    root = tmp_path_factory.mktemp("shards")
    for k in (1, 2):
        assert main(["batch", *map(str, subs), *TARGETS, "--shard", f"{k}/2", "--out", str(root / f"s{k}")]) == 1
    return root


def test_merge_refuses_a_missing_shard_a_shard_given_twice_and_a_stale_report(shards, tmp_path, capsys):
    merged = str(tmp_path / "merged")
    assert main(["merge", str(shards / "s1"), "--out", merged]) == 2
    assert "shard 2/2 missing" in capsys.readouterr().err
    assert main(["merge", str(shards / "s1"), str(shards / "s1"), "--out", merged]) == 2
    assert "shard 1/2 is given twice" in capsys.readouterr().err
    stale = tmp_path / "s1"
    shutil.copytree(shards / "s1", stale)
    shutil.copy(stale / "students" / "alice.json", stale / "students" / "zoe.json")  # last week's student
    assert main(["merge", str(stale), str(shards / "s2"), "--out", merged]) == 2
    assert "zoe.json was not graded by the run that made" in capsys.readouterr().err
    assert not (tmp_path / "merged" / "gradebook.csv").exists()


def test_merge_refuses_shards_graded_for_other_katas(graded, shards, tmp_path, capsys):
    subs, _ = graded
    assert main(["batch", *map(str, subs), "--targets", "ch01.ex01", "--shard", "2/2", "--out",
                 str(tmp_path / "other")]) == 1
    assert main(["merge", str(shards / "s1"), str(tmp_path / "other"), "--out", str(tmp_path / "merged")]) == 2
    assert "were graded with different katas" in capsys.readouterr().err


def test_regrading_one_student_needs_update_and_keeps_everyone_else(graded, tmp_path, capsys):
    subs, out = graded
    copy = tmp_path / "week3"
    shutil.copytree(out, copy)
    alice = next(s for s in subs if s.name == "alice")
    assert main(["batch", str(alice), *TARGETS, "--out", str(copy)]) == 2  # would drop four students' grades
    assert "already holds the grades of 4 students not in this run" in capsys.readouterr().err
    assert _gradebook(copy) == _gradebook(out)
    assert main(["batch", str(alice), *TARGETS, "--out", str(copy), "--update"]) == 0
    assert [r[:5] for r in _gradebook(copy)] == [r[:5] for r in _gradebook(out)]  # all five rows still there
    assert main(["batch", str(alice), "--targets", "ch01.ex01", "--out", str(copy), "--update"]) == 2
    assert "graded for other katas" in capsys.readouterr().err


def test_the_report_carries_the_student_the_course_and_the_graded_files_hashes(graded):
    _, out = graded
    report = json.loads((out / "students" / "alice.json").read_text())
    assert report["student"] == "alice"
    assert report["course"]["targets"] == ["ch01.ex01", "ch01.ex02"] and len(report["course"]["content"]) == 64
    assert all(len(k["file_sha256"]) == 64 for k in report["katas"])
    validate(report)


@pytest.mark.parametrize(("env", "shard"), [
    ({"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"}, (3, 4)),
    ({"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, (1, 4)),
    ({"JOB_COMPLETION_INDEX": "1", "TORCHKATA_SHARD_COUNT": "3"}, (2, 3)),
    ({"TORCHKATA_SHARD_INDEX": "0", "TORCHKATA_SHARD_COUNT": "2"}, (1, 2)),
])
def test_shard_auto_reads_the_job_engine(env, shard):
    assert _shard("auto", env) == shard


@pytest.mark.parametrize("env", [{}, {"JOB_COMPLETION_INDEX": "1"}, {"TORCHKATA_SHARD_INDEX": "2",
                                                                   "TORCHKATA_SHARD_COUNT": "2"}])
def test_shard_auto_without_a_usable_index_says_how_to_give_one(env):
    with pytest.raises(ValueError, match="--shard auto"):
        _shard("auto", env)


def test_the_job_summary_lists_every_student_errors_first():
    rows = [Row("alice", total=2, max_total=2), Row("erin", total=0, max_total=2, error="not a zip | <b>")]
    text = batch_summary(rows)
    assert text.index("erin") < text.index("alice") and "not a zip \\| &lt;b&gt;" in text
    assert "2 students · 1 could not be graded" in text


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
    assert main(["batch", str(tmp_path / "loop"), *TARGETS, "--budget", "4", "--out", str(tmp_path / "out")]) == 1
    assert time.monotonic() - start < 30
    header, row = _gradebook(tmp_path / "out")
    assert header == HEADER  # the kata columns are there even when no student has a report
    assert row[:5] == ["loop", "", "", "0", "2"]
    assert row[5:] == ["took longer than the budget of 4 s; killed", ""]
    assert (tmp_path / "out/logs/loop.txt").is_file()
    time.sleep(0.5)  # let the kernel reap what the kill left
    assert _tagged_processes(tag) == []


@pytest.mark.parametrize("shard", ["0/2", "3/2", "2", "a/b"])
def test_an_invalid_shard_is_a_usage_error(env, tmp_path, capsys, shard):
    assert main(["batch", str(tmp_path), "--shard", shard, "--out", str(tmp_path / "out")]) == 2
    assert f"--shard must look like 2/5, or be auto (got '{shard}')" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_target_is_a_usage_error(env, tmp_path, capsys):
    assert main(["batch", str(tmp_path), "--targets", "dmeo", "--out", str(tmp_path / "out")]) == 2
    assert "no chapter or kata is called 'dmeo'" in capsys.readouterr().err


def test_names_drop_the_suffix_and_are_safe_and_unique():
    paths = [Path("in/Alice.zip"), Path("x/alice"), Path("in/bob smith.ipynb"), Path("in/..evil"), Path("in/张三.zip")]
    assert [name for name, _ in student_names(paths)] == ["Alice", "alice-2", "bob_smith", "evil", "张三"]


def test_statuses_tell_a_wrong_value_an_error_a_timeout_and_a_crash_apart(demo_report):
    failure = {kid: k["failure"] for kid, k in demo_report["by_id"].items() if k["status"] == "failing"}
    assert failure["ex02_wrong_value"] == "wrong" and failure["ex04_raises"] == "error"
    assert failure["ex05_infinite_loop"] == "timeout" and failure["ex07_segfault"] == "crashed"


def test_the_statuses_csv_and_excel_and_a_roster_for_the_lms(graded, tmp_path, capsys):
    subs, out = graded
    rows = list(csv.reader(io.StringIO((out / "statuses.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["student", "ch01.ex01", "ch01.ex02", "error"]
    assert rows[2][:3] == ["bob", "passed", "wrong"]  # his ex02 subtracts and rows[4][1:3] == ["", ""] and rows[4][3]
    roster = tmp_path / "roster.csv"
    roster.write_text("submission,ID,Email\nalice,1001,a@x.org\nbob,1002,b@x.org\nzoe,1003,z@x.org\n",
                      encoding="utf-8")
    merged = tmp_path / "again"
    shutil.copytree(out, merged)
    alice = next(s for s in subs if s.name == "alice")
    assert main(["batch", str(alice), *TARGETS, "--out", str(merged), "--update", "--excel",
                 "--roster", str(roster)]) == 0
    assert (merged / "gradebook.csv").read_bytes().startswith(b"\xef\xbb\xbfstudent,")  # Excel's UTF-8 mark
    lms = list(csv.reader(io.StringIO((merged / "lms-import.csv").read_text(encoding="utf-8-sig"))))
    assert lms[0] == ["submission", "ID", "Email", "points", "max_points"]
    assert lms[1:] == [["alice", "1001", "a@x.org", "2", "2"], ["bob", "1002", "b@x.org", "1", "2"],
                       ["zoe", "1003", "z@x.org", "", ""]]
    err = capsys.readouterr().err
    assert "in the roster but not graded: zoe" in err and "graded but not in the roster: carol" in err
