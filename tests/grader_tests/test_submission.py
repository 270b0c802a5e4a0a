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


# -- submissions that are broken or hostile as files ---------------------------------------------
def _zip_with(path, name, data, *, flag_bits=0, method=None):
    """A zip of one entry, its two headers rewritten as another tool would have made them:
    with more `flag_bits` (0x1: encrypted), or another compression `method`."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(name, data)
    raw = bytearray(path.read_bytes())
    local, central = raw.find(b"PK\x03\x04"), raw.find(b"PK\x01\x02")
    for start, offset in ((local, 6), (central, 8)):
        raw[start + offset] |= flag_bits
        if method is not None:
            raw[start + offset + 2 : start + offset + 4] = method.to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    return path


def _damaged_zip(path, name, data):
    _zip_with(path, name, data)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(data.encode()[-10:], b"#" * 10, 1))  # the bytes no longer match their CRC-32
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: _damaged_zip(p, "ch01_demo/ex01_passes.py", SOLVED), "is damaged"),
    (lambda p: _zip_with(p, "ch01_demo/ex01_passes.py", SOLVED, flag_bits=0x1), "is encrypted"),
    (lambda p: _zip_with(p, "ch01_demo/ex01_passes.py", SOLVED, method=99), "compressed with a method"),
])
def test_an_unreadable_zip_is_a_clear_error_and_every_report_is_still_written(repo, grade_cli, tmp_path, make, words):
    bad = make(tmp_path / "alice.zip")
    reports = tmp_path / "reports"
    proc = grade_cli(repo, "ch01.ex01", "ch01.ex02", "--submission", str(bad), "--json", str(reports / "r.json"),
                     "--junit", str(reports / "j.xml"), "--gradescope", str(reports / "g.json"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert words in proc.stderr and "ch01_demo/ex01_passes.py" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    report = json.loads((reports / "r.json").read_text())
    assert words in report["error"] and report["summary"]["points"] == 0
    assert {k["status"] for k in report["katas"]} == {"failing"}
    assert words in json.loads((reports / "g.json").read_text())["output"]
    assert "could not be graded" in (reports / "j.xml").read_text()


@pytest.mark.timeout(120)
def test_only_regular_files_are_taken_from_a_submission(tmp_path, katas):
    """A FIFO would make reading it wait forever; a link could point anywhere."""
    import os

    root = tmp_path / "s" / "ch01_demo"
    root.mkdir(parents=True)
    os.mkfifo(root / "ex01_passes.py")
    (root / "ex02_wrong_value.py").symlink_to("/etc/hostname")
    (root / "ex03_not_started.py").write_text(SOLVED)
    out = prepare(tmp_path / "s", katas, tmp_path / "scratch")
    assert out.taken == ["ch01.ex03"]
    assert any("ex01_passes.py: not a regular file" in p for p in out.problems), out.problems
    assert any("ex02_wrong_value.py: a symbolic link" in p for p in out.problems), out.problems


@pytest.mark.timeout(300)
def test_a_learner_file_that_is_a_fifo_fails_its_kata_without_hanging(repo, grade_cli):
    import os

    path = repo / "exercises" / "ch01_demo" / "ex01_passes.py"
    path.unlink()
    os.mkfifo(path)
    proc = grade_cli(repo, "ch01.ex01", "--json", str(repo / "r.json"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "not a regular file" in json.loads((repo / "r.json").read_text())["katas"][0]["message"]


def test_a_notebook_nested_too_deeply_is_a_clear_error(repo, grade_cli, tmp_path):
    notebook = tmp_path / "ch01_demo.ipynb"
    notebook.write_text("[" * 200_000)
    proc = grade_cli(repo, "ch01.ex01", "--submission", str(notebook), "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "not a valid notebook: it is nested too deeply" in proc.stderr
    assert "internal error" not in proc.stderr
    assert json.loads((tmp_path / "r.json").read_text())["error"]


def test_a_broken_zip_in_a_batch_is_an_error_row(repo, grade_cli, tmp_path):
    good = tmp_path / "bob"
    (good / "ch01_demo").mkdir(parents=True)
    (good / "ch01_demo" / "ex01_passes.py").write_text(SOLVED)
    bad = _damaged_zip(tmp_path / "alice.zip", "ch01_demo/ex01_passes.py", SOLVED)
    proc = grade_cli(repo, "batch", str(bad), str(good), "--targets", "ch01.ex01", "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    rows = (tmp_path / "out" / "gradebook.csv").read_text().splitlines()
    assert rows[1].startswith("alice,") and "is damaged" in rows[1]
    assert rows[2].startswith("bob,1,1,1,")
