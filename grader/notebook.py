"""Katas in a Jupyter notebook: export a chapter as one, and take the katas back out of it.

`grade notebook ch03` writes `ch03_autograd.ipynb`: a markdown cell and one code cell per
kata (the stub), then a cell that grades the saved notebook with
`python -m grader ch03 --submission ch03_autograd.ipynb`. Each kata's code cell carries the
tag `kata:<full_key>` (and `metadata.torchkata.kata`), so the cells may be moved around;
`--submission NB.ipynb` uses `extract_notebook` to turn the tagged cells back into files.

For a learner who prefers Jupyter, `grade notebook ch03 --mine` starts from their own files
in exercises/, shows each kata's hints folded under its statement, and its last cell grades
with `--record`, so the verdicts count in their progress; `grade notebook ch03 --import NB`
brings the notebook's answers back into exercises/, asking before it replaces a file that
differs (the old one is kept in .grade/backups/).

What a learner's notebook may hold, and what the grader does with it (each said in a note):
- IPython's own syntax is not Python: `%line` magics, `!shell` commands and a `%%cell` magic's
  first line become `pass` in a kata cell (so the cell's line numbers still match its
  tracebacks), and only in a cell that does not compile as it is;
- untagged cells are never graded, not even helpers or imports: what runs is exactly the kata
  cell, as in a kata file. A kata cell that uses a name defined only in an untagged cell gets a
  note naming it, in place of a bare NameError;
- a kata tagged in two cells: the last one is graded (the newer attempt, as Jupyter runs top down).
"""

from __future__ import annotations

import ast
import json
import warnings
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from . import paths
from .errors import GradeError
from .files import write_atomic
from .i18n import t
from .manifest import Chapter, Kata
from .stubgen import pristine_stub

__all__ = ["TAG_PREFIX", "build_notebook", "chapter_of", "export", "export_chapter", "extract_notebook",
           "import_answers", "strip_magics"]

TAG_PREFIX = "kata:"
MAX_CELL_CHARS = 1_000_000  # as for a kata file in a folder or zip submission

GRADE_CELL = '''{comment}
import os
import subprocess
import sys

command = [sys.executable, "-m", "grader", {target}, "--submission", {notebook}, "--lang", {lang}{record}]
env = {{k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}}  # plain text
with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as proc:
    for line in proc.stdout:
        print(line, end="")'''


def _tag(kata: Kata) -> str:
    return TAG_PREFIX + kata.full_key


def _hints(kata: Kata, lang: str) -> str:
    """The kata's hints, each folded (HTML <details>, which Jupyter renders) so that the
    learner opens only as many as they need."""
    tiers = ("hint_concept", "hint_approach", "hint_near")
    return "\n".join(
        f"<details><summary>{t('nb_hint', lang, tier=i + 1, total=len(kata.hints))}"
        f"{' · ' + t(tiers[i], lang) if i < len(tiers) else ''}</summary>\n\n{hint.get(lang)}\n\n</details>"
        for i, hint in enumerate(kata.hints))


def _learners_file(kata: Kata) -> str:
    """The learner's own kata file in exercises/, or the stub when there is none to read."""
    from .files import read_regular

    try:
        return read_regular(paths.EXERCISES / kata.path, MAX_CELL_CHARS).decode("utf-8", errors="replace")
    except GradeError:
        return pristine_stub(kata)


def build_notebook(chapter: Chapter, lang: str, file_name: str, mine: bool = False) -> nbformat.NotebookNode:
    """The notebook for `chapter`, to be saved as `file_name` (its grading cell names it).
    `mine`: the learner's own files and the hints, and a grading cell that records progress."""
    cells = [v4.new_markdown_cell(f"# {chapter.key} · {chapter.title.get(lang)}\n\n{t('nb_intro', lang)}")]
    for kata in chapter.katas:
        hints = f"\n\n{_hints(kata, lang)}" if mine else ""
        cells.append(v4.new_markdown_cell(
            f"## {kata.key} · {kata.title.get(lang)}\n\n{kata.goal.get(lang)}{hints}\n\n{t('nb_fill', lang)}"
        ))
        cells.append(v4.new_code_cell(
            (_learners_file(kata) if mine else pristine_stub(kata)).rstrip("\n"),
            metadata={"tags": [_tag(kata)], "torchkata": {"kata": kata.full_key}},
        ))
    cells.append(v4.new_markdown_cell(f"{t('nb_grade_title', lang)}\n\n{t('nb_grade_body', lang)}"))
    cells.append(v4.new_code_cell(GRADE_CELL.format(
        comment=t("nb_grade_comment", lang), target=json.dumps(chapter.key), notebook=json.dumps(file_name),
        lang=json.dumps(lang), record=', "--record"' if mine else "",
    )))
    return v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "torchkata": {"chapter": chapter.id, "lang": lang},
    })


def export_chapter(chapter: Chapter, lang: str, dest: Path, overwrite: bool = False, mine: bool = False) -> Path:
    """Write `dest/<chapter.id>.ipynb` and return its path. An existing file is replaced only
    with `overwrite`: it may hold the learner's work."""
    target = Path(dest) / f"{chapter.id}.ipynb"
    if target.exists() and not overwrite:
        raise GradeError(t("notebook_exists", lang, path=target))
    nb = build_notebook(chapter, lang, target.name, mine)
    nbformat.validate(nb)
    write_atomic(target, nbformat.writes(nb))
    return target


def _read(path: Path, data: bytes | None, lang: str) -> Any:
    from .files import read_regular
    from .submission import MAX_NOTEBOOK_BYTES

    if data is None:
        data = read_regular(path, MAX_NOTEBOOK_BYTES)
    text = data.decode("utf-8", errors="replace")
    try:
        with warnings.catch_warnings():  # e.g. MissingIDFieldWarning: not the learner's concern
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
    except RecursionError:
        raise GradeError(t("nb_invalid", lang, path=path, why=t("nb_too_deep", lang))) from None
    except (ValueError, AttributeError, KeyError, TypeError, nbformat.ValidationError) as e:
        raise GradeError(t("nb_invalid", lang, path=path, why=str(e)[:300])) from None
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise GradeError(t("nb_invalid", lang, path=path, why=t("nb_no_cells", lang)))
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


def _compiles(source: str) -> bool:
    try:
        compile(source, "<cell>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def strip_magics(source: str) -> tuple[str, list[str]]:
    """`source` with each `%magic` and `!shell` line made `pass`, and the lines removed; unchanged
    when it compiles as it is (a line may start with `%` inside brackets or a string)."""
    if _compiles(source):
        return source, []
    lines, removed = source.splitlines(keepends=True), []
    for number, line in enumerate(lines):
        code = line.lstrip()
        if code.startswith(("%", "!")):
            removed.append(code.strip())
            lines[number] = line[: len(line) - len(code)] + "pass  # IPython syntax, removed by the grader\n"
    return "".join(lines), removed


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell defines, names it reads); empty when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(), set()
    defined: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
    return defined, used


def _untagged_definitions(cells: list[Any]) -> dict[str, int]:
    """Name -> number of the last untagged code cell that defines it."""
    found: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code" and not _kata_names(cell):
            source = _source(cell)
            if source is not None and len(source) <= MAX_CELL_CHARS:
                found.update(dict.fromkeys(_names(strip_magics(source)[0])[0], number))
    return found


def _borrowed(source: str, untagged: dict[str, int]) -> dict[str, int]:
    """The names `source` reads but defines nowhere, that an untagged cell defines."""
    defined, used = _names(source)
    return {name: untagged[name] for name in sorted(used - defined) if name in untagged}


def extract_notebook(path: Path, katas: list[Kata], scratch: Path, lang: str = "en",
                     data: bytes | None = None) -> list[str]:
    """Write the tagged code cell of each kata in `katas` to `scratch/<kata.path>`; return notes
    on what is wrong or was changed (see the module docstring). `data`: the notebook's bytes,
    when it was read from elsewhere (a zip), `path` then only names it."""
    cells = _read(Path(path), data, lang)
    found: dict[str, list[int]] = {}
    for number, cell in enumerate(cells, start=1):
        for name in _kata_names(cell):
            found.setdefault(name, []).append(number)
    untagged = _untagged_definitions(cells)
    notes = []
    for kata in katas:
        numbers = found.get(kata.full_key, [])
        if not numbers:
            notes.append(t("nb_missing", lang, key=kata.key, tag=_tag(kata)))
            continue
        cell = f"#{numbers[-1]}"
        if len(numbers) > 1:
            notes.append(t("nb_duplicate", lang, key=kata.key, count=len(numbers), tag=_tag(kata),
                           cells=", ".join(f"#{n}" for n in numbers), last=cell))
        text = _source(cells[numbers[-1] - 1])
        if text is None:
            notes.append(t("nb_unreadable", lang, key=kata.key, cell=cell))
            continue
        if len(text) > MAX_CELL_CHARS:
            notes.append(t("nb_large", lang, key=kata.key, cell=cell, limit=MAX_CELL_CHARS))
            continue
        text, removed = strip_magics(text)
        if removed:
            lines = ", ".join(line[:60] for line in removed[:3]) + (", …" if len(removed) > 3 else "")
            notes.append(t("nb_magics", lang, key=kata.key, cell=cell, lines=lines))
        if borrowed := _borrowed(text, untagged):
            notes.append(t("nb_untagged", lang, key=kata.key, names=", ".join(borrowed),
                           cells=", ".join(f"#{n}" for n in sorted(set(borrowed.values())))))
        target = scratch / kata.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return notes


def chapter_of(target: str, lang: str) -> Chapter:
    """The chapter `target` names (a whole chapter, not a kata)."""
    from .discovery import resolve
    from .manifest import load_chapters

    chapters = load_chapters(paths.EXERCISES)
    katas = resolve([target], chapters)
    chapter = next((c for c in chapters if list(c.katas) == katas), None)
    if chapter is None:
        raise GradeError(t("notebook_not_chapter", lang, target=target, example=katas[0].chapter[:4]))
    return chapter


def export(target: str, lang: str, out: Path, overwrite: bool = False, mine: bool = False) -> Path:
    """`grade notebook CHAPTER`: export a whole chapter; the notebook's path."""
    return export_chapter(chapter_of(target, lang), lang, out, overwrite=overwrite, mine=mine)


def import_answers(notebook: Path, chapter: Chapter, lang: str, ask: Any) -> list[str]:
    """`grade notebook CHAPTER --import NB`: each kata cell of the notebook into its file in
    exercises/. A file that differs is replaced only when `ask(kata, path)` says yes, and
    kept in .grade/backups/ first; what happened, one line per kata (and the notebook's notes)."""
    import tempfile

    from .files import read_regular, replace_keeping_backup

    lines = []
    with tempfile.TemporaryDirectory(prefix="kata-import-") as tmp:
        notes = extract_notebook(notebook, list(chapter.katas), Path(tmp), lang)
        lines += notes
        for kata in chapter.katas:
            cell, target = Path(tmp) / kata.path, paths.EXERCISES / kata.path
            if not cell.is_file():
                continue
            text = cell.read_text(encoding="utf-8")
            try:
                current: str | None = read_regular(target, MAX_CELL_CHARS).decode("utf-8", errors="replace")
            except GradeError:
                current = None
            if current is not None and current.rstrip("\n") == text.rstrip("\n"):
                lines.append(t("nb_import_same", lang, key=kata.key))
            elif current is not None and not ask(kata, target):
                lines.append(t("nb_import_kept", lang, key=kata.key, path=target))
            else:
                backup = replace_keeping_backup(target, text, paths.STATE / "backups", kata.path)
                lines.append(t("nb_import_done", lang, key=kata.key, path=target, backup=backup or "-"))
    return lines
