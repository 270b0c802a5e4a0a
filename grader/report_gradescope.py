"""`--gradescope PATH`: `results.json` in Gradescope's autograder format.

    {
      "score": 3, "execution_time": 4.21, "visibility": "visible", "stdout_visibility": "hidden",
      "output_format": "text",
      "output": "3 of 6 katas passed: 3/6 points (torch 2.4.1, CUDA none)",
      "tests": [{"name": "ch03.ex01 · Derivative with autograd", "score": 1, "max_score": 1,
                 "status": "passed", "output": "...", "visibility": "visible",
                 "extra_data": {"key": "ch03.ex01", "status": "passed", "duration": 0.41, "metrics": {}}}]
    }

Points follow the JSON report (`report_json.points`): a kata's points when it passed, else 0,
or a share of them for its tests passed with `--partial`. A skipped kata (needs
GPU, dataset unavailable) was not graded here: it gets max_score 0, so it neither adds nor
costs points, status "passed" so it is not shown as the learner's failure, and an output
that says why. Learner output is appended to each test's output, cut to `MAX_OUTPUT` characters;
ANSI colour codes are dropped and control characters shown as `\\x1b`-style escapes.
The autograder's own output (`stdout_visibility`) stays hidden from students: it holds the
grader's paths and timings; what a student needs is in each test's output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import report_json
from .files import write_atomic
from .manifest import Kata
from .report_junit import clean
from .results import KataResult

__all__ = ["MAX_OUTPUT", "VISIBILITIES", "build", "write"]

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
MAX_OUTPUT = 5000  # characters of learner output kept per test


def _truncate(text: str, limit: int = MAX_OUTPUT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… ({len(text) - limit} more characters cut)"


def _output(result: KataResult) -> str:
    if result.status == "passed":
        text = "Passed."
    elif result.status == "skipped":
        text = (f"Skipped: {result.message.rstrip('.') or 'not run'}. This kata could not be graded here, "
                "so it counts for no points either way.")
    elif result.status == "not started":
        text = f"Not started yet.\n{result.message}".rstrip()
    else:
        text = result.message or "Failing."
        if result.mistake:
            text += f"\n\nThis looks like a common mistake: {result.mistake}"
    if result.output:
        text += f"\n\nYour code printed:\n{_truncate(result.output)}"
    return text


def _test(kata: Kata, result: KataResult, visibility: str, partial: bool) -> dict[str, Any]:
    return {
        "name": f"{kata.key} · {kata.title.get('en')}",
        "score": report_json.points(kata, result, partial),
        "max_score": 0 if result.status == "skipped" else kata.points,
        "status": "failed" if result.status in ("failing", "not started") else "passed",
        "output": clean(_output(result)),
        "visibility": visibility,
        "extra_data": {"key": kata.key, "status": result.status, "duration": round(result.duration, 3),
                       "metrics": result.metrics},
    }


def build(katas: list[Kata], results: list[KataResult], source: Path, visibility: str = "visible",
          error: str | None = None, partial: bool = False, notes: list[str] | None = None) -> dict[str, Any]:
    """The results as a JSON-ready dict; ValueError for an unknown `visibility`."""
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)} (got {visibility!r})")
    by_key = {k.full_key: k for k in katas}
    tests = [_test(by_key[r.full_key], r, visibility, partial) for r in results]
    score = round(sum(t["score"] for t in tests), 2)
    max_score = sum(t["max_score"] for t in tests)
    passed = sum(r.status == "passed" for r in results)
    v = report_json.versions()
    return {
        "score": score,
        "execution_time": round(sum(r.duration for r in results), 3),
        "output": (f"The submission could not be graded: {error}\n" if error else "")
                  + f"{passed} of {len(results)} katas passed: {score}/{max_score} points "
                  f"(torch {v['torch']}, CUDA {v['cuda'] or 'none'})"
                  + "".join(f"\n- {clean(note)}" for note in notes or []),
        "visibility": visibility,
        "stdout_visibility": "hidden",
        "output_format": "text",
        "tests": tests,
    }


def write(path: Path, katas: list[Kata], results: list[KataResult], source: Path,
          visibility: str = "visible", error: str | None = None, partial: bool = False,
          notes: list[str] | None = None) -> None:
    """Build Gradescope's results.json and write it atomically to `path`; `notes`: what the
    grader did with the submission (submission.py), one line each under the summary."""
    report = build(katas, results, source, visibility, error, partial, notes)
    write_atomic(path, json.dumps(report, indent=2, ensure_ascii=False))
