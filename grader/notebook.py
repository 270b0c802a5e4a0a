"""Katas in a Jupyter notebook: export a chapter as one, and take the katas back out of it.

`grade notebook ch03` writes `ch03_autograd.ipynb`: a markdown cell and one code cell per
kata (the stub), then a cell that grades the saved notebook with
`python -m grader ch03 --submission ch03_autograd.ipynb`. Each kata's code cell carries the
tag `kata:<full_key>` (and `metadata.torchkata.kata`), so the cells may be moved around;
`--submission NB.ipynb` uses `extract_notebook` to turn the tagged cells back into files.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from . import paths
from .errors import GradeError
from .files import write_atomic
from .manifest import Chapter, Kata
from .stubgen import pristine_stub

__all__ = ["TAG_PREFIX", "build_notebook", "export", "export_chapter", "extract_notebook"]

TAG_PREFIX = "kata:"
MAX_CELL_CHARS = 1_000_000  # as for a kata file in a folder or zip submission

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "Each kata below has one code cell: fill it in and run it. Keep the cell's tag "
        "(`kata:…`): it tells the grader which kata the cell holds. Grade the notebook at the end.",
        "fill": "*Fill in the code cell below.*",
        "grade_title": "## Grade this notebook",
        "grade_body": "**Save the notebook first** (File ▸ Save, Ctrl+S / ⌘S): the grader reads the saved "
        "file, not what the editor shows. Then run the cell below.",
        "grade_comment": "# Grades the saved notebook file: save it first.",
    },
    "zh": {
        "intro": "下面每道练习都有一个代码单元：补全代码并运行它。请保留单元的标签（`kata:…`），"
        "评分器靠它认出单元属于哪道练习。最后给整个笔记本评分。",
        "fill": "*请在下面的代码单元中完成练习。*",
        "grade_title": "## 给这个笔记本评分",
        "grade_body": "**请先保存笔记本**（文件 ▸ 保存，Ctrl+S / ⌘S）：评分器读取的是保存在磁盘上的文件，"
        "而不是编辑器中显示的内容。然后运行下面的单元。",
        "grade_comment": "# 对已保存的笔记本文件评分：请先保存。",
    },
}

GRADE_CELL = '''{comment}
import os
import subprocess
import sys

command = [sys.executable, "-m", "grader", {target}, "--submission", {notebook}, "--lang", {lang}]
env = {{k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}}  # plain text
with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as proc:
    for line in proc.stdout:
        print(line, end="")'''


def _tag(kata: Kata) -> str:
    return TAG_PREFIX + kata.full_key


def build_notebook(chapter: Chapter, lang: str, file_name: str) -> nbformat.NotebookNode:
    """The notebook for `chapter`, to be saved as `file_name` (its grading cell names it)."""
    text = TEXTS["zh" if lang == "zh" else "en"]
    cells = [v4.new_markdown_cell(f"# {chapter.key} · {chapter.title.get(lang)}\n\n{text['intro']}")]
    for kata in chapter.katas:
        cells.append(v4.new_markdown_cell(
            f"## {kata.key} · {kata.title.get(lang)}\n\n{kata.goal.get(lang)}\n\n{text['fill']}"
        ))
        cells.append(v4.new_code_cell(
            pristine_stub(kata).rstrip("\n"),
            metadata={"tags": [_tag(kata)], "torchkata": {"kata": kata.full_key}},
        ))
    cells.append(v4.new_markdown_cell(f"{text['grade_title']}\n\n{text['grade_body']}"))
    cells.append(v4.new_code_cell(GRADE_CELL.format(
        comment=text["grade_comment"], target=json.dumps(chapter.key), notebook=json.dumps(file_name),
        lang=json.dumps(lang),
    )))
    return v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "torchkata": {"chapter": chapter.id, "lang": lang},
    })


def export_chapter(chapter: Chapter, lang: str, dest: Path, overwrite: bool = False) -> Path:
    """Write `dest/<chapter.id>.ipynb` and return its path. An existing file is replaced only
    with `overwrite`: it may hold the learner's work."""
    target = Path(dest) / f"{chapter.id}.ipynb"
    if target.exists() and not overwrite:
        raise GradeError(f"{target} already exists and may hold your work; not overwriting it "
                         "(use --force to replace it)")
    nb = build_notebook(chapter, lang, target.name)
    nbformat.validate(nb)
    write_atomic(target, nbformat.writes(nb))
    return target


def _read(path: Path) -> Any:
    from .files import read_regular
    from .submission import MAX_NOTEBOOK_BYTES

    text = read_regular(path, MAX_NOTEBOOK_BYTES).decode("utf-8", errors="replace")
    try:
        with warnings.catch_warnings():  # e.g. MissingIDFieldWarning: not the learner's concern
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
    except RecursionError:
        raise GradeError(f"{path}: not a valid notebook: it is nested too deeply to read") from None
    except (ValueError, AttributeError, KeyError, TypeError, nbformat.ValidationError) as e:
        raise GradeError(f"{path}: not a valid notebook: {str(e)[:300]}") from None
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise GradeError(f"{path}: not a valid notebook: it has no list of cells")
    return cells


def _kata_names(cell: Any) -> set[str]:
    """The full keys a code cell is tagged with (tags, or metadata.torchkata.kata)."""
    if not isinstance(cell, dict) or cell.get("cell_type") != "code" or not isinstance(cell.get("metadata"), dict):
        return set()
    meta = cell["metadata"]
    tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
    names = {t.removeprefix(TAG_PREFIX) for t in tags if isinstance(t, str) and t.startswith(TAG_PREFIX)}
    own = meta.get("torchkata")
    if isinstance(own, dict) and isinstance(own.get("kata"), str):
        names.add(own["kata"])
    return names


def _source(cell: Any) -> str | None:
    src = cell.get("source", "")
    if isinstance(src, list) and all(isinstance(s, str) for s in src):
        src = "".join(src)
    if not isinstance(src, str):
        return None
    return src if src.endswith("\n") or not src else src + "\n"


def extract_notebook(path: Path, katas: list[Kata], scratch: Path) -> list[str]:
    """Write the tagged code cell of each kata in `katas` to `scratch/<kata.path>`; return notes
    on what is wrong (missing or duplicated cells). Other cells are ignored."""
    cells = _read(Path(path))
    found: dict[str, list[int]] = {}
    for number, cell in enumerate(cells, start=1):
        for name in _kata_names(cell):
            found.setdefault(name, []).append(number)
    notes = []
    for kata in katas:
        numbers = found.get(kata.full_key, [])
        if not numbers:
            notes.append(f"{kata.key}: no code cell tagged {_tag(kata)}; graded as not started")
            continue
        if len(numbers) > 1:
            listed = ", ".join(f"#{n}" for n in numbers)
            notes.append(f"{kata.key}: {len(numbers)} cells tagged {_tag(kata)} ({listed}); the first is graded")
        text = _source(cells[numbers[0] - 1])
        if text is None:
            notes.append(f"{kata.key}: cell #{numbers[0]} has no readable source; graded as not started")
        elif len(text) > MAX_CELL_CHARS:
            notes.append(f"{kata.key}: cell #{numbers[0]} is larger than {MAX_CELL_CHARS:,} characters; refused")
        else:
            target = scratch / kata.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return notes


def export(target: str, lang: str, out: Path, overwrite: bool = False) -> Path:
    """`grade notebook CHAPTER`: export a whole chapter; the notebook's path."""
    from .discovery import resolve
    from .manifest import load_chapters

    chapters = load_chapters(paths.EXERCISES)
    katas = resolve([target], chapters)
    chapter = next((c for c in chapters if list(c.katas) == katas), None)
    if chapter is None:
        raise GradeError(f"{target!r} is not a whole chapter; name one, e.g. {katas[0].chapter[:4]}")
    return export_chapter(chapter, lang, out, overwrite=overwrite)
