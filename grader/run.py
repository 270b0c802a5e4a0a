"""One grading run, decided before it starts: which katas, whose files, and how.

`GradingRun` is a frozen value handed to the pipeline (`pipeline.grade`) and through it to
one `KataPlugin` instance, which owns the run's workers and decides each kata's status.
`grade`, `grade watch`, the batch judge, `grade dev check` and a bare `pytest` all build
one; nothing about a run lives in a module's globals or in environment variables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import Kata
from .results import KataResult

__all__ = ["GradingRun"]


def _ignore(_: object) -> None:
    pass


@dataclass(frozen=True)
class GradingRun:
    """What to grade and how; the callbacks see each verdict and progress event as it lands."""

    katas: tuple[Kata, ...]  #: in course order
    source: Path  #: the kata files, laid out like exercises/ (a submission's scratch copy, solutions/...)
    lang: str = "en"  #: language of the explanations
    timeout: float | None = None  #: seconds per call into a kata, instead of each manifest's
    data_dir: Path | None = None  #: holding MNIST/raw/; None: $TORCHKATA_DATA, else data/
    protected: tuple[Path, ...] = ()  #: folders workers may not read besides the repository, home and temp
    on_result: Callable[[KataResult], None] = field(default=_ignore, compare=False)
    on_progress: Callable[[str, dict], None] | None = field(default=None, compare=False)  #: (kata key, event)
