"""Where the repository's folders are.

The grader runs from a checkout (`pip install -e .`), so the repository is the parent of
this package. `TORCHKATA_ROOT` points elsewhere, e.g. for a teacher's copy.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "EXERCISES", "SOLUTIONS", "TESTS", "STATE", "DATA"]

ROOT = Path(os.environ.get("TORCHKATA_ROOT") or Path(__file__).resolve().parent.parent)
EXERCISES = ROOT / "exercises"
SOLUTIONS = ROOT / "solutions"
TESTS = ROOT / "tests"
STATE = ROOT / ".grade"
DATA = ROOT / "data"
