"""Notebooks: `export_chapter` writes a valid, tagged notebook; `--submission NB.ipynb` grades
the tagged cells (moved, missing or doubled ones included); the exported grading cell works
when the notebook really runs in a Jupyter kernel."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from grader import paths
from grader.cli import main
from grader.errors import GradeError
from grader.manifest import Chapter, load_chapter
from grader.notebook import export_chapter, extract_notebook
from grader.stubgen import pristine_stub


@pytest.fixture
def demo_chapter(demo_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Chapter:
    """The fixture repository's chapter, with the grader's paths pointed at that repository."""
    monkeypatch.setattr(paths, "SOLUTIONS", demo_repo / "solutions")
    monkeypatch.setattr(paths, "EXERCISES", demo_repo / "exercises")
    return load_chapter(demo_repo / "exercises/ch01_demo")


def _tagged(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if any(t.startswith("kata:") for t in c.metadata.get("tags", []))]


def _tag(cell: nbformat.NotebookNode) -> str:
    return cell.metadata["tags"][0]


def _filled(chapter: Chapter, root: Path, dest: Path) -> nbformat.NotebookNode:
    """Export `chapter` to `dest`, and return it with every kata cell holding its solution."""
    nb = nbformat.read(export_chapter(chapter, "en", dest), as_version=4)
    by_tag = {f"kata:{k.full_key}": k for k in chapter.katas}
    for cell in _tagged(nb):
        cell.source = (root / "solutions" / by_tag[_tag(cell)].path).read_text(encoding="utf-8")
    return nb


def _grade(root: Path, grade_cli, notebook: Path, *targets: str):
    out = notebook.with_suffix(".json")
    proc = grade_cli(root, *(targets or ("ch01",)), "--submission", str(notebook), "--json", str(out))
    report = json.loads(out.read_text()) if out.exists() else None
    return proc, report


# --- export -----------------------------------------------------------------------------------


def test_export_writes_a_valid_notebook_with_one_tagged_cell_per_kata(demo_chapter, tmp_path):
    path = export_chapter(demo_chapter, "en", tmp_path / "out")
    assert path == tmp_path / "out" / "ch01_demo.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown" and "Demo" in nb.cells[0].source

    tagged = _tagged(nb)
    assert [_tag(c) for c in tagged] == [f"kata:{k.full_key}" for k in demo_chapter.katas]
    for cell, kata in zip(tagged, demo_chapter.katas, strict=True):
        assert cell.cell_type == "code"
        assert cell.metadata["torchkata"] == {"kata": kata.full_key}
        assert cell.source == pristine_stub(kata).rstrip("\n")
        above = nb.cells[nb.cells.index(cell) - 1]
        assert above.cell_type == "markdown" and kata.key in above.source and "Fill in" in above.source

    grading = nb.cells[-1]
    assert grading.cell_type == "code" and not grading.metadata.get("tags")
    assert 'sys.executable, "-m", "grader", "ch01", "--submission", "ch01_demo.ipynb"' in grading.source
    assert "Save the notebook first" in nb.cells[-2].source


def test_export_speaks_the_chosen_language(demo_chapter, tmp_path):
    nb = nbformat.read(export_chapter(demo_chapter, "zh", tmp_path), as_version=4)
    assert "演示" in nb.cells[0].source
    assert "相加" in nb.cells[1].source
    assert "请先保存笔记本" in nb.cells[-2].source
    assert '"--lang", "zh"' in nb.cells[-1].source


def test_export_never_overwrites_without_consent(demo_chapter, tmp_path):
    path = tmp_path / "ch01_demo.ipynb"
    path.write_text("my work")
    with pytest.raises(GradeError, match="already exists"):
        export_chapter(demo_chapter, "en", tmp_path)
    assert path.read_text() == "my work"
    export_chapter(demo_chapter, "en", tmp_path, overwrite=True)
    nbformat.validate(nbformat.read(path, as_version=4))


def test_grade_notebook_exports_a_chapter_and_refuses_a_second_time(demo_chapter, tmp_path, capsys):
    assert main(["notebook", "demo", "--out", str(tmp_path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "ch01_demo.ipynb")
    assert main(["notebook", "ch01", "--out", str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["notebook", "ch01", "--out", str(tmp_path), "--force"]) == 0
    capsys.readouterr()
    assert main(["notebook", "ch01.ex01", "--out", str(tmp_path)]) == 2
    assert "not a whole chapter" in capsys.readouterr().err


# --- extract ----------------------------------------------------------------------------------


def test_extract_takes_tagged_cells_and_reports_missing_and_doubled_ones(demo_chapter, demo_repo, tmp_path):
    nb = _filled(demo_chapter, demo_repo, tmp_path)
    cells = {_tag(c): c for c in _tagged(nb)}
    ex01, ex02, ex03 = (cells[f"kata:{k.full_key}"] for k in demo_chapter.katas[:3])
    ex02.source = ex02.source.splitlines(keepends=True)  # a list of lines is a valid source too
    second = nbformat.v4.new_code_cell("def add(a, b):\n    return 0", metadata=dict(ex01.metadata))
    untagged = nbformat.v4.new_code_cell("def add(a, b):\n    return 0")
    nb.cells = [untagged, ex02, ex01, second] + [c for c in nb.cells if c not in (ex01, ex02, ex03)]
    path = tmp_path / "work.ipynb"
    nbformat.write(nb, path)

    katas = list(demo_chapter.katas[:3])
    notes = extract_notebook(path, katas, tmp_path / "scratch")
    assert (tmp_path / "scratch" / katas[0].path).read_text() == second.source + "\n"  # the last of the two
    assert (tmp_path / "scratch" / katas[1].path).read_text() == "".join(ex02.source)
    assert not (tmp_path / "scratch" / katas[2].path).exists()
    assert not (tmp_path / "scratch" / demo_chapter.katas[3].path).exists()  # not asked for
    assert len(notes) == 2
    assert "ch01.ex01: 2 cells tagged kata:ch01_demo.ex01_passes (#3, #4); the last one, #4, is graded" in notes
    assert "ch01.ex03: no code cell tagged kata:ch01_demo.ex03_not_started; graded as not started" in notes


@pytest.mark.parametrize("content", [b"not json", b'{"cells": 1}', b"[1, 2]", b"\xff\xfe"])
def test_extract_rejects_a_malformed_notebook(demo_chapter, tmp_path, content):
    path = tmp_path / "bad.ipynb"
    path.write_bytes(content)
    with pytest.raises(GradeError, match=r"bad\.ipynb: not a valid notebook: "):
        extract_notebook(path, list(demo_chapter.katas), tmp_path / "scratch")


# --- grading a notebook with `grade --submission` ----------------------------------------------


def test_a_filled_notebook_grades_all_passed(demo_chapter, demo_repo, tmp_path, grade_cli):
    path = tmp_path / "ch01_demo.ipynb"
    nbformat.write(_filled(demo_chapter, demo_repo, tmp_path / "export"), path)
    proc, report = _grade(demo_repo, grade_cli, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["summary"]["passed"] == len(demo_chapter.katas) == 12


def test_a_messy_notebook_grades_what_it_can_and_says_what_is_wrong(demo_chapter, demo_repo, tmp_path, grade_cli):
    nb = _filled(demo_chapter, demo_repo, tmp_path)
    cells = {_tag(c): c for c in _tagged(nb)}
    ex01, ex02, ex03 = (cells[f"kata:{k.full_key}"] for k in demo_chapter.katas[:3])
    wrong = nbformat.v4.new_code_cell("def add(a, b):\n    return 0", metadata=dict(ex01.metadata))
    nb.cells = [ex03, wrong, ex01] + [c for c in nb.cells if c not in (ex01, ex02, ex03)]  # ex02 is gone
    path = tmp_path / "messy.ipynb"
    nbformat.write(nb, path)

    proc, report = _grade(demo_repo, grade_cli, path, "ch01.ex01", "ch01.ex02", "ch01.ex03")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    status = {k["key"]: k["status"] for k in report["katas"]}
    assert status == {"ch01.ex01": "passed", "ch01.ex02": "not started", "ch01.ex03": "passed"}
    assert "ch01.ex02: no code cell tagged kata:ch01_demo.ex02_wrong_value" in proc.stdout
    assert "ch01.ex01: 2 cells tagged" in proc.stdout and "the last one, #3, is graded" in proc.stdout


def test_a_malformed_notebook_is_a_usage_error(demo_repo, tmp_path, grade_cli):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [')
    proc, _ = _grade(demo_repo, grade_cli, path)
    assert proc.returncode == 2
    assert f"{path}: not a valid notebook" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# --- running the exported notebook in a real kernel --------------------------------------------


def test_the_exported_notebook_runs_and_its_grading_cell_grades_it(repo, tmp_path, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    manifest = repo / "exercises/ch01_demo/chapter.toml"
    header, *katas = manifest.read_text().split("[[kata]]\n")
    manifest.write_text("[[kata]]\n".join([header, *katas[:2]]))  # two katas keep the kernel run short
    monkeypatch.setattr(paths, "SOLUTIONS", repo / "solutions")
    chapter = load_chapter(repo / "exercises/ch01_demo")

    nb = _filled(chapter, repo, tmp_path)
    nbformat.write(nb, tmp_path / "ch01_demo.ipynb")  # the grading cell grades the saved file
    env = {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "200"}
    client = nbclient.NotebookClient(nb, timeout=240, kernel_name="python3",
                                      resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=env)

    output = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    assert "ch01.ex01" in output and "ch01.ex02" in output, output
    assert "2/2 passed" in output and "All graded katas passed" in output, output
    assert "\x1b[" not in output  # plain text in the notebook, no terminal control codes


# -- a learner's own notebook: --mine, --record, --import ------------------------------------
def _learner_notebook(tmp_path):
    from .conftest import make_repo, run_grade

    repo = make_repo(tmp_path / "course", {"ex01_passes": "def add(a, b):\n    return a + b\n",
                                           "ex02_wrong": "def add(a, b):\n    return a - b\n"})
    out = tmp_path / "nb"
    out.mkdir()
    proc = run_grade(repo, "notebook", "ch01", "--mine", "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return repo, out / "ch01_demo.ipynb"


def test_a_learners_notebook_holds_their_own_files_the_hints_and_records_progress(tmp_path):
    import sqlite3

    from .conftest import run_grade

    repo, path = _learner_notebook(tmp_path)
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code[1] == "def add(a, b):\n    return a - b"  # their work, not the stub
    assert "<details><summary>Hint 1/3 · concept</summary>" in "".join(c.source for c in nb.cells)
    assert '"--record"' in code[-1]
    db = repo / ".grade" / "progress.db"
    run_grade(repo, "ch01", "--submission", str(path))
    assert not db.exists()  # a teacher grading a notebook records nothing
    run_grade(repo, "ch01", "--submission", str(path), "--record")
    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT kata, status FROM attempts")) == [
            ("ch01_demo.ex01_passes", "passed"), ("ch01_demo.ex02_wrong", "failing")]


def test_a_notebooks_answers_come_back_into_exercises_after_asking(tmp_path):
    from .conftest import run_grade

    repo, path = _learner_notebook(tmp_path)
    nb = nbformat.read(path, as_version=4)
    fixed = next(c for c in nb.cells if "ex02_wrong" in str(c.get("metadata", {})))
    fixed.source = "def add(a, b):\n    return a + b  # fixed in Jupyter\n"
    nbformat.write(nb, path)
    target = repo / "exercises/ch01_demo/ex02_wrong.py"
    proc = run_grade(repo, "notebook", "ch01", "--import", str(path))  # no terminal, no --yes: nothing replaced
    assert "not replaced without a terminal: add --yes" in proc.stdout
    assert target.read_text() == "def add(a, b):\n    return a - b\n"
    proc = run_grade(repo, "notebook", "ch01", "--import", str(path), "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ch01.ex01: the notebook's cell is your file already" in proc.stdout
    assert target.read_text() == "def add(a, b):\n    return a + b  # fixed in Jupyter\n"
    [backup] = (repo / ".grade/backups").rglob("ex02_wrong.py")
    assert backup.read_text() == "def add(a, b):\n    return a - b\n"  # nothing the learner wrote is lost
