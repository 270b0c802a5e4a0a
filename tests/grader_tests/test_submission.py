"""`--submission`: only the expected kata files are taken from a folder or a zip; everything
else is ignored and listed; the tests and configuration always come from the grader. Every form
an LMS hands over is read (flat files, one notebook or zip in a folder, a zip in a zip), and a
submission with nothing to grade is an error, never a silent 0."""

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
    assert "submission: ignored (not kata files): conftest.py" in proc.stdout
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
    assert proc.returncode == 1, proc.stderr  # the batch ran; a submission could not be graded
    rows = (tmp_path / "out" / "gradebook.csv").read_text().splitlines()
    assert rows[1].startswith("alice,") and "is damaged" in rows[1]
    assert rows[2].startswith("bob,1,1,1,")


# -- the forms learning-management systems hand over ---------------------------------------------
def _notebook(path, cells):
    """A notebook of code cells: (kata id or None for untagged, source)."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(source, metadata={"tags": [f"kata:ch01_demo.{kid}"]} if kid else {})
        for kid, source in cells])
    nbformat.write(nb, path)
    return path


def _zip(path, files):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def _graded(scratch):
    return sorted(p.relative_to(scratch).as_posix() for p in scratch.rglob("*.py"))


def test_flat_kata_files_are_placed_in_their_chapter_and_the_notes_say_so(tmp_path, katas):
    root = tmp_path / "submission"  # how Gradescope uploads: /autograder/submission/ex01_passes.py
    root.mkdir()
    (root / "ex01_passes.py").write_text(SOLVED)
    (root / "ex02_wrong_value.py").write_text(SOLVED)
    (root / "notes.txt").write_text("my notes")
    out = prepare(root, katas[:2], tmp_path / "scratch", katas)
    assert out.taken == ["ch01.ex01", "ch01.ex02"]
    assert _graded(tmp_path / "scratch") == ["ch01_demo/ex01_passes.py", "ch01_demo/ex02_wrong_value.py"]
    assert out.notes == ["flat files placed in their chapter folders: ex01_passes.py → ch01_demo/, "
                         "ex02_wrong_value.py → ch01_demo/", "ignored (not kata files): notes.txt"]


def test_a_kata_file_of_a_kata_not_graded_now_is_not_called_ignored(tmp_path, katas):
    root = tmp_path / "s"
    (root / "ch01_demo").mkdir(parents=True)
    (root / "ch01_demo/ex01_passes.py").write_text(SOLVED)
    (root / "ex03_not_started.py").write_text(SOLVED)
    out = prepare(root, katas[:1], tmp_path / "scratch", katas)
    assert out.taken == ["ch01.ex01"] and out.ignored == []
    assert out.notes == ["not graded in this run (kata files of other katas): ex03_not_started.py"]


@pytest.mark.timeout(120)
def test_a_flat_file_that_is_a_link_or_a_fifo_is_refused_with_a_note(tmp_path, katas):
    import os

    root = tmp_path / "s"
    root.mkdir()
    os.mkfifo(root / "ex01_passes.py")
    (root / "ex02_wrong_value.py").symlink_to(tmp_path / "elsewhere.py")
    (tmp_path / "elsewhere.py").write_text(SOLVED)
    out = prepare(root, katas[:2], tmp_path / "scratch", katas)
    assert out.taken == [] and _graded(tmp_path / "scratch") == []
    assert out.notes == ["ex01_passes.py: not a regular file (a FIFO, device, socket or folder); refused",
                         "ex02_wrong_value.py: a symbolic link, not a file; refused"]


@pytest.mark.parametrize("layout", ["ch01_demo.ipynb", "alice_12345_assignsubmission_file_/ch01_demo.ipynb"])
def test_a_folder_holding_one_notebook_grades_it(tmp_path, katas, layout):
    (tmp_path / "s" / layout).parent.mkdir(parents=True)
    _notebook(tmp_path / "s" / layout, [("ex01_passes", SOLVED)])
    (tmp_path / "s" / "onlinetext.html").write_text("<p>hi</p>")
    out = prepare(tmp_path / "s", katas[:1], tmp_path / "scratch", katas)
    assert out.taken == ["ch01.ex01"]
    assert (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text() == SOLVED
    assert out.notes == [f"graded {layout}, the only notebook or zip found",
                         "ignored (not kata files): onlinetext.html"]


def test_a_moodle_folder_holding_one_zip_one_folder_down_grades_it(tmp_path, katas):
    folder = tmp_path / "s" / "alice_12345_assignsubmission_file_"
    folder.mkdir(parents=True)
    _zip(folder / "work.zip", {"work/ex01_passes.py": SOLVED, "work/ch01_demo/ex02_wrong_value.py": SOLVED})
    out = prepare(tmp_path / "s", katas[:2], tmp_path / "scratch", katas)
    assert sorted(out.taken) == ["ch01.ex01", "ch01.ex02"]
    assert out.notes[0] == "graded alice_12345_assignsubmission_file_/work.zip, the only notebook or zip found"
    assert "work/ex01_passes.py → ch01_demo/" in out.notes[1]


def test_a_zip_in_a_folder_that_is_a_link_is_refused(tmp_path, katas):
    _zip(tmp_path / "elsewhere.zip", {"ex01_passes.py": SOLVED})
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "work.zip").symlink_to(tmp_path / "elsewhere.zip")
    with pytest.raises(GradeError, match="work.zip: a symbolic link, not a file; refused"):
        prepare(tmp_path / "s", katas[:1], tmp_path / "scratch", katas)


def test_a_zip_inside_a_zip_is_opened_one_level_only(tmp_path, katas):
    inner = _zip(tmp_path / "inner.zip", {"ex01_passes.py": SOLVED}).read_bytes()
    out = prepare(_zip(tmp_path / "outer.zip", {"inner.zip": inner}), katas[:1], tmp_path / "scratch", katas)
    assert out.taken == ["ch01.ex01"] and out.notes[0] == "graded inner.zip, the only notebook or zip found"
    deeper = _zip(tmp_path / "deeper.zip", {"inner.zip": inner}).read_bytes()
    with pytest.raises(GradeError, match=r"deeper.zip ▸ inner.zip is a zip inside a zip inside a zip: only one"):
        prepare(_zip(tmp_path / "outer2.zip", {"deeper.zip": deeper}), katas[:1], tmp_path / "scratch2", katas)


def test_two_notebooks_and_no_kata_files_are_ambiguous(tmp_path, katas):
    (tmp_path / "s").mkdir()
    for name in ("draft.ipynb", "final.ipynb"):
        _notebook(tmp_path / "s" / name, [("ex01_passes", SOLVED)])
    with pytest.raises(GradeError, match=r"holds 2 notebooks or zips and no kata files \(draft.ipynb, final.ipynb\)"):
        prepare(tmp_path / "s", katas[:1], tmp_path / "scratch", katas)


def test_kata_files_beside_a_notebook_are_what_is_graded_and_the_note_says_so(tmp_path, katas):
    (tmp_path / "s").mkdir()
    _notebook(tmp_path / "s" / "ch01_demo.ipynb", [("ex01_passes", "def add(a, b):\n    return 0\n")])
    (tmp_path / "s" / "ex01_passes.py").write_text(SOLVED)
    out = prepare(tmp_path / "s", katas[:1], tmp_path / "scratch", katas)
    assert (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text() == SOLVED
    assert out.notes[0] == "ch01_demo.ipynb not graded: kata files were found beside it, and they are what is graded"


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: _zip(p, {"README.md": "hi"}) and None])
def test_a_submission_without_kata_files_is_an_error_not_a_silent_zero(tmp_path, katas, make):
    make(tmp_path / "s.zip")
    with pytest.raises(GradeError, match=r"no kata files found in .*s.zip: expected files such as ex01_passes.py"):
        prepare(tmp_path / "s.zip", katas[:1], tmp_path / "scratch", katas)


def test_an_empty_folder_fails_the_run_and_every_report_says_why(repo, grade_cli, tmp_path):
    (tmp_path / "alice").mkdir()
    proc = grade_cli(repo, "ch01.ex01", "--submission", str(tmp_path / "alice"), "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no kata files found in" in proc.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert "no kata files found in" in report["error"] and report["notes"] == []


def test_the_notes_reach_the_json_report_and_the_output(repo, grade_cli, tmp_path):
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "ex01_passes.py").write_text(SOLVED)
    (tmp_path / "bob" / "conftest.py").write_text(HOSTILE_CONFTEST)
    proc = grade_cli(repo, "ch01.ex01", "--submission", str(tmp_path / "bob"), "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    notes = ["flat files placed in their chapter folders: ex01_passes.py → ch01_demo/",
             "ignored (not kata files): conftest.py"]
    assert json.loads((tmp_path / "r.json").read_text())["notes"] == notes
    assert all(f"submission: {note}" in proc.stdout for note in notes)


def test_the_notes_speak_chinese_under_lang_zh(tmp_path, katas):
    root = tmp_path / "s"
    root.mkdir()
    (root / "ex01_passes.py").write_text(SOLVED)
    (root / "readme.txt").write_text("hi")
    out = prepare(root, katas[:1], tmp_path / "scratch", katas, lang="zh")
    assert out.notes == ["没有放在章节文件夹里的文件已按文件名归入各自章节：ex01_passes.py → ch01_demo/",
                         "已忽略（不是练习文件）：readme.txt"]


# -- notebooks as learners write them ------------------------------------------------------------
def test_ipython_magics_and_shell_commands_are_removed_with_a_note(tmp_path, katas):
    cells = [("ex01_passes", "%matplotlib inline\n!pip install x\n" + SOLVED),
             ("ex02_wrong_value", "%%time\n" + SOLVED),
             ("ex03_not_started", 'def add(a, b):\n    return (a\n    % b) + """\n!not a command\n"""\n')]
    out = prepare(_notebook(tmp_path / "nb.ipynb", cells), katas[:3], tmp_path / "scratch", katas)
    ex01 = (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text()
    compile(ex01, "ex01", "exec")
    assert ex01.splitlines()[2:] == SOLVED.splitlines()  # line numbers still match the cell
    assert out.notes == [
        "ch01.ex01: cell #1: IPython magics and shell commands are not Python; removed before grading: "
        "%matplotlib inline, !pip install x",
        "ch01.ex02: cell #2: IPython magics and shell commands are not Python; removed before grading: %%time"]
    assert (tmp_path / "scratch/ch01_demo/ex03_not_started.py").read_text() == cells[2][1]  # valid Python: untouched


def test_a_helper_in_an_untagged_cell_is_named_in_a_note(tmp_path, katas):
    cells = [(None, "import math\n\ndef helper(a, b):\n    return a + b\n"),
             ("ex01_passes", "def add(a, b):\n    return helper(a, b) + math.floor(0)\n"),
             ("ex02_wrong_value", SOLVED)]
    out = prepare(_notebook(tmp_path / "nb.ipynb", cells), katas[:2], tmp_path / "scratch", katas)
    assert out.notes == ["ch01.ex01: uses helper, math, defined only in untagged cell #1: untagged cells are not "
                         "graded; move what the kata needs into its own cell"]


def test_a_duplicated_kata_cell_grades_the_last_one_and_says_so(tmp_path, katas):
    cells = [("ex01_passes", "def add(a, b):\n    return 0\n"), (None, "print('hi')\n"), ("ex01_passes", SOLVED)]
    out = prepare(_notebook(tmp_path / "nb.ipynb", cells), katas[:1], tmp_path / "scratch", katas)
    assert (tmp_path / "scratch/ch01_demo/ex01_passes.py").read_text() == SOLVED
    assert out.notes == ["ch01.ex01: 2 cells tagged kata:ch01_demo.ex01_passes (#1, #3); the last one, #3, is graded"]


def test_dev_check_refuses_two_katas_with_one_file_name(repo):
    """Flat files are placed by name alone: `grade dev check` keeps the names unique."""
    import dataclasses

    from grader.devcheck import _same_file_names

    demo = load_chapter(repo / "exercises" / "ch01_demo")
    copy = dataclasses.replace(demo, id="ch02_copy", katas=(dataclasses.replace(demo.katas[0], chapter="ch02_copy"),))
    assert _same_file_names([demo]) == []
    assert _same_file_names([demo, copy]) == [
        "ch02_copy/ex01_passes.py: the same file name as ch01_demo/ex01_passes.py; kata file names must be "
        "unique across the course (flat submissions are placed by name)"]
