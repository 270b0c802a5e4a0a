"""GitHub Actions: an error annotation per kata to do, and a Markdown job summary.

Inside Actions (GITHUB_ACTIONS=true), `annotate` prints one workflow command per failing or
not-started kata::

    ::error file=exercises/ch03_autograd/ex01_derivative.py,title=ch03.ex01 Derivative::add(2, 3) must be 5%0A...

and, when GITHUB_STEP_SUMMARY names a file, appends a table of every kata to it (appended, not
replaced: earlier steps of the job may have written there). Outside Actions it does nothing.

Learner text is escaped the way the runner unescapes it (% CR LF; in properties also : and ,),
so a message can never end its line and start a workflow command of its own; in the summary it
is HTML-escaped and Markdown punctuation is backslashed, so it renders as plain text.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from . import report_json
from .manifest import Kata
from .report_junit import clean
from .results import STATUSES, KataResult

__all__ = ["annotate", "batch_summary", "escape_data", "escape_property", "summary"]

TODO = ("failing", "not started")
ICONS = {"passed": "✅", "failing": "❌", "not started": "⬜", "skipped": "⏭️"}
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")  # what can start markup inside a table cell


def escape_data(text: str) -> str:
    """A workflow command's message: % CR LF escaped, control characters made visible."""
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: like `escape_data`, and also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(source: Path, kata: Kata, env: Mapping[str, str]) -> str:
    """The kata's file as GitHub attaches an annotation to it: relative to the workspace (the
    repository checked out, GITHUB_WORKSPACE) when it lies below it, even when grading runs in
    a folder beside the student's files; else relative to the current directory; else as given."""
    path = (Path(source) / kata.path).resolve()
    for base in (env.get("GITHUB_WORKSPACE"), os.getcwd()):
        if base:
            try:
                return path.relative_to(Path(base).resolve()).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def _cell(text: str) -> str:
    """Learner text as one Markdown table cell that renders literally."""
    line = " ".join(clean(text).split())
    line = line if len(line) <= 120 else line[:119] + "…"
    return _MARKDOWN.sub(r"\\\1", html.escape(line, quote=False))


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def summary(katas: list[Kata], results: list[KataResult]) -> str:
    """The Markdown job summary: a table of every kata and a totals line."""
    by_key = {k.full_key: k for k in katas}
    lines = ["### torchkata", "", "| Kata | Status | Points | Message |", "| --- | --- | ---: | --- |"]
    points: float = 0
    max_points = 0
    for r in results:
        kata = by_key[r.full_key]
        earned = report_json.points(kata, r)
        worth = 0 if r.status == "skipped" else kata.points
        points, max_points = points + earned, max_points + worth
        shown = "—" if r.status == "skipped" else f"{earned}/{worth}"
        name = _cell(f"{kata.key} {kata.title.get('en')}")
        lines.append(f"| {name} | {ICONS.get(r.status, '')} {r.status} | {shown} | {_cell(_first_line(r.message))} |")
    counts = Counter(r.status for r in results)
    totals = " · ".join(f"{counts[s]} {s}" for s in STATUSES)
    lines += ["", f"**{totals} — {points}/{max_points} points**", ""]
    return "\n".join(lines)


def batch_summary(rows: list[Any]) -> str:
    """The Markdown job summary of `grade batch` / `grade merge`: one line per student
    (gradebook rows, see batch.py), errors first."""
    lines = ["### torchkata · class", "", "| Student | Points | Error |", "| --- | ---: | --- |"]
    for row in sorted(rows, key=lambda r: (not r.error, r.student)):
        lines.append(f"| {_cell(row.student)} | {row.total}/{row.max_total} | {_cell(row.error) or '—'} |")
    errors = sum(bool(r.error) for r in rows)
    lines += ["", f"**{len(rows)} students · {errors} could not be graded**", ""]
    return "\n".join(lines)


def annotate(katas: list[Kata], results: list[KataResult], source: Path,
             stream: TextIO | None = None, env: Mapping[str, str] = os.environ) -> None:
    """Inside GitHub Actions: print an `::error` per kata to do (to `stream`, default
    sys.stdout at call time) and append the job summary. Outside Actions: nothing."""
    if env.get("GITHUB_ACTIONS") != "true":
        return
    stream = stream or sys.stdout
    by_key = {k.full_key: k for k in katas}
    for r in results:
        if r.status not in TODO:
            continue
        kata = by_key[r.full_key]
        title = f"{kata.key} {kata.title.get('en')}"
        message = r.message or r.status
        if r.status == "not started" and r.message:
            message = f"not started: {r.message}"
        props = f"file={escape_property(_file(source, kata, env))},title={escape_property(title)}"
        stream.write(f"::error {props}::{escape_data(message)}\n")
    stream.flush()
    summary_path = env.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as f:
            f.write("\n" + summary(katas, results))
