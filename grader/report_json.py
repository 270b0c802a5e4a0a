"""`--json PATH`: a machine-readable report, versioned, written atomically.

Schema `torchkata.report/1`::

    {
      "schema": "torchkata.report/1",
      "created": "2026-11-24T19:30:00+00:00",
      "versions": {"python": "3.11.7", "torch": "2.4.1", "torchvision": "0.19.1",
                   "cuda": "12.1" | null, "cuda_available": false, "torchkata": "0.1.0"},
      "source": "/path/to/graded/files",
      "student": "alice" | null,
      "course": {"targets": ["ch03.ex01", ...], "commit": "5e1f…" | null, "content": "sha256…"},
      "error": null,
      "notes": ["flat files placed in their chapter folders: ex01_derivative.py → ch03_autograd/"],
      "summary": {"passed": 3, "failing": 1, "not started": 2, "skipped": 0,
                  "points": 3, "max_points": 6},
      "katas": [{"key": "ch03.ex01", "full_key": "ch03_autograd.ex01_derivative",
                 "status": "passed", "points": 1, "max_points": 1, "message": "",
                 "output": "", "duration": 0.41, "file_sha256": "…" | null,
                 "loss_curve": [2.3, 1.1, 0.4], "val_loss_curve": [],
                 "tests": [{"name": "...", "outcome": "passed", "message": "",
                            "duration": 0.1}]}]
    }

`failure` says why a failing kata failed: "wrong" (a value), "error" (the code raised),
"timeout" or "crashed" (the worker died). `loss_curve` holds the losses a training kata's run
reported, in order (NaN and infinity as null); `val_loss_curve` its validation losses; both are empty for other katas.
Points: a kata's points from the manifest when it passed, else 0 (with `--partial`, a failing
kata earns them in proportion to its tests passed, to 2 decimals); skipped katas (needs
GPU) count in neither `points` nor `max_points`. `error` says why a submission could not be
graded at all; `notes` what the grader did with it (files ignored or refused, flat files placed,
a notebook's magics removed, ...), one line each, so that "0 points" can be told apart from
"handed in something the grader could not use". For audits: `student` (in a batch), the
`course` that judged it (grader/course.py: the katas, the git commit, a hash of the tests,
solutions and grader) and each graded file's `file_sha256`. The JSON Schema of the report is
`grader/schemas/report.schema.json`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import platform
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__
from .files import sha256_of, write_atomic
from .manifest import Kata
from .results import STATUSES, KataResult

__all__ = ["SCHEMA", "build", "versions"]

SCHEMA = "torchkata.report/1"


def versions() -> dict[str, Any]:
    """Python, torch, torchvision and CUDA versions of this process."""
    from importlib import metadata

    import torch

    try:  # read from metadata: importing torchvision costs seconds
        tv: str | None = metadata.version("torchvision")
    except metadata.PackageNotFoundError:
        tv = None
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torchvision": tv,
        "cuda": torch.version.cuda,
        "cuda_available": torch.cuda.is_available(),
        "torchkata": __version__,
    }


def points(kata: Kata, result: KataResult, partial: bool = False) -> float:
    """What `result` earns: the kata's points when it passed, else 0; with `partial` (opt-in
    per run), a failing kata earns them in proportion to its tests that passed."""
    if result.status == "passed":
        return kata.points
    if partial and result.status == "failing" and result.tests:
        return round(kata.points * result.passed_tests / len(result.tests), 2)
    return 0


def build(katas: list[Kata], results: list[KataResult], source: Path, error: str | None = None,
          notes: list[str] | None = None, student: str | None = None, graded: Path | None = None,
          partial: bool = False, judged_by: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict; `error` says why nothing could be graded (an
    unreadable submission), else it is null; `notes` are the submission's (see submission.py);
    `graded` is the folder whose files were graded (their hashes go in the report); `judged_by`
    is `course.identity(katas)` when the caller has it already (a batch judge, once for all)."""
    from . import course

    by_key = {k.full_key: k for k in katas}
    rows = []
    for r in results:
        row = asdict(r)
        row["file_sha256"] = sha256_of(graded / by_key[r.full_key].path) if graded else None
        row["max_points"] = 0 if r.status == "skipped" else by_key[r.full_key].points
        row["points"] = points(by_key[r.full_key], r, partial)
        for test in row["tests"]:
            for name in ("output", "curve", "val_curve"):
                test.pop(name, None)  # kept once per kata
        for name, kept in (("loss_curve", "curve"), ("val_loss_curve", "val_curve")):  # JSON has no NaN: null
            row[name] = [v if math.isfinite(v) else None for v in row.pop(kept)]
        rows.append(row)
    counts = Counter(r.status for r in results)
    summary: dict[str, Any] = {s: counts[s] for s in STATUSES}
    summary["points"] = round(sum(row["points"] for row in rows), 2)
    summary["max_points"] = sum(row["max_points"] for row in rows)
    return {
        "schema": SCHEMA,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
        "source": str(source),
        "student": student,
        "course": judged_by or course.identity(katas),
        "error": error,
        "notes": list(notes or []),
        "summary": summary,
        "katas": rows,
    }


def write(path: Path, katas: list[Kata], results: list[KataResult], source: Path, error: str | None = None,
          notes: list[str] | None = None, student: str | None = None, graded: Path | None = None,
          partial: bool = False, judged_by: dict[str, Any] | None = None) -> None:
    """Build the report and write it atomically to `path`."""
    report = build(katas, results, source, error, notes, student, graded, partial, judged_by)
    write_atomic(path, json.dumps(report, indent=2, ensure_ascii=False))
