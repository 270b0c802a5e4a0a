"""`--json PATH`: a machine-readable report, versioned, written atomically.

Schema `torchkata.report/1`::

    {
      "schema": "torchkata.report/1",
      "created": "2026-11-24T19:30:00+00:00",
      "versions": {"python": "3.11.7", "torch": "2.4.1", "torchvision": "0.19.1",
                   "cuda": "12.1" | null, "cuda_available": false, "torchkata": "0.1.0"},
      "source": "/path/to/graded/files",
      "summary": {"passed": 3, "failing": 1, "not started": 2, "skipped": 0,
                  "points": 3, "max_points": 6},
      "katas": [{"key": "ch03.ex01", "full_key": "ch03_autograd.ex01_derivative",
                 "status": "passed", "points": 1, "max_points": 1, "message": "",
                 "output": "", "duration": 0.41,
                 "tests": [{"name": "...", "outcome": "passed", "message": "",
                            "duration": 0.1}]}]
    }

Points: a kata's points from the manifest when it passed, else 0; skipped katas (needs
GPU) count in neither `points` nor `max_points`.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__
from .files import write_atomic
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


def build(katas: list[Kata], results: list[KataResult], source: Path, error: str | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict; `error` says why nothing could be graded (an
    unreadable submission), else it is null."""
    points = {k.full_key: k.points for k in katas}
    rows = []
    for r in results:
        row = asdict(r)
        row["max_points"] = 0 if r.status == "skipped" else points[r.full_key]
        row["points"] = points[r.full_key] if r.status == "passed" else 0
        for test in row["tests"]:
            test.pop("output", None)  # kept once per kata, in "output"
        rows.append(row)
    counts = Counter(r.status for r in results)
    summary: dict[str, Any] = {s: counts[s] for s in STATUSES}
    summary["points"] = sum(row["points"] for row in rows)
    summary["max_points"] = sum(row["max_points"] for row in rows)
    return {
        "schema": SCHEMA,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
        "source": str(source),
        "error": error,
        "summary": summary,
        "katas": rows,
    }


def write(path: Path, katas: list[Kata], results: list[KataResult], source: Path, error: str | None = None) -> None:
    """Build the report and write it atomically to `path`."""
    write_atomic(path, json.dumps(build(katas, results, source, error), indent=2, ensure_ascii=False))
