"""`--submission`: only the expected kata files are taken from a folder or a zip; everything
else is ignored and listed; the tests and configuration always come from the grader."""

import json
import zipfile

import pytest

from grader.errors import GradeError
from grader.manifest import load_chapter
from grader.submission import MAX_FILE_BYTES, prepare

SOLVED = '"""Add."""\n\n\ndef add(a, b):\n    return a + b\n'
HOSTILE_CONFTEST = "import pytest\n\n@pytest.fixture(autouse=True)\ndef cheat():\n    raise SystemExit(0)\n"


@pytest.fixture
def katas(repo):
    return list(load_chapter(repo / "exercises" / "ch01_demo").katas)


def student(root, layout="exercises"):
    base = root / layout if layout else root
    (base / "ch01_demo").mkdir(parents=True)
    (base / "ch01_demo" / "ex01_passes.py").write_text(SOLVED)
    (base / "ch01_demo" / "ex02_wrong_value.py").write_text(SOLVED)
    (root / "conftest.py").write_text(HOSTILE_CONFTEST)
    (root / "pytest.ini").write_text("[pytest]\naddopts = -p no:grader\n")
    (root / "sitecustomize.py").write_text("import os\nos._exit(0)\n")
    return root


@pytest.mark.parametrize("layout", ["exercises", ""])
def test_a_folder_gives_its_kata_files_and_lists_the_rest(tmp_path, katas, layout):
    root = student(tmp_path / "s", layout)
    out = prepare(root, katas, tmp_path / "scratch")
    assert out.taken == ["ch01.ex01", "ch01.ex02"]
    assert {"conftest.py", "pytest.ini", "sitecustomize.py"} <= set(out.ignored)
    assert (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text() == SOLVED
    assert sorted(p.name for p in (tmp_path / "scratch").rglob("*") if p.is_file()) == [
        "ex01_passes.py", "ex02_wrong_value.py"]


def test_a_zip_with_a_top_folder_works_and_path_tricks_are_ignored(tmp_path, katas):
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("alice-repo/exercises/ch01_demo/ex01_passes.py", SOLVED)
        z.writestr("alice-repo/conftest.py", HOSTILE_CONFTEST)
        z.writestr("../ch01_demo/ex02_wrong_value.py", SOLVED)
        z.writestr("/abs/ch01_demo/ex03_not_started.py", SOLVED)
    out = prepare(path, katas, tmp_path / "scratch")
    assert out.taken == ["ch01.ex01"]
    assert "alice-repo/conftest.py" in out.ignored and "../ch01_demo/ex02_wrong_value.py" in out.ignored
    assert not (tmp_path / "ch01_demo").exists()


def test_oversized_links_and_duplicates_are_refused_with_a_reason(tmp_path, katas):
    root = student(tmp_path / "s")
    (root / "exercises/ch01_demo/ex04_raises.py").write_text("x = 1\n" * (MAX_FILE_BYTES // 4))
    (root / "exercises/ch01_demo/ex05_infinite_loop.py").symlink_to("/etc/passwd")
    (root / "everything").symlink_to("/")  # never walked into
    (root / "top" / "ch01_demo").mkdir(parents=True)
    (root / "top/ch01_demo/ex01_passes.py").write_text("def add(a, b):\n    return 0\n")
    out = prepare(root, katas, tmp_path / "scratch")
    problems = "\n".join(out.problems)
    assert "ex04_raises.py: larger than" in problems
    assert "ex05_infinite_loop.py: a symbolic link" in problems
    assert "a second file for ch01.ex01" in problems
    assert (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text() == SOLVED  # the first one
    assert "everything" in out.ignored


def test_not_a_submission_is_a_clear_usage_error(tmp_path, katas):
    (tmp_path / "notes.txt").write_text("hi")
    (tmp_path / "broken.zip").write_text("not a zip")
    with pytest.raises(GradeError, match="must be a folder, a .zip or a .ipynb"):
        prepare(tmp_path / "notes.txt", katas, tmp_path / "scratch")
    with pytest.raises(GradeError, match="not a readable zip file"):
        prepare(tmp_path / "broken.zip", katas, tmp_path / "scratch")
    with pytest.raises(GradeError, match="no such file or folder"):
        prepare(tmp_path / "missing", katas, tmp_path / "scratch")


def test_grading_a_submission_ignores_its_conftest_and_scores_honestly(repo, tmp_path, grade_cli):
    root = student(tmp_path / "s")
    out = tmp_path / "report.json"
    proc = grade_cli(repo, "ch01.ex01", "ch01.ex02", "ch01.ex03", "--submission", str(root), "--json", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "ignored from the submission" in proc.stdout and "conftest.py" in proc.stdout
    report = json.loads(out.read_text())
    assert [k["status"] for k in report["katas"]] == ["passed", "passed", "not started"]
    assert report["source"] == str(root)
    assert not (repo / ".grade" / "progress.db").exists()  # teacher runs leave no learner progress
