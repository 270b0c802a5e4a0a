"""A kata's status, decided in one place from what its tests did.

A kata is "passed" only when every one of its tests ran to completion and passed. A run
stopped before that (Ctrl-C, SIGTERM, a closed terminal) gives no verdict at all for the
kata: nothing unfinished is shown as a result or recorded. The four statuses and what makes
each are in `verdict`; a skipped kata also says why (`SKIP_GPU`, `SKIP_DATA` or `SKIP_OPTIONAL`).
"""

from __future__ import annotations

from pathlib import Path

from .manifest import Kata
from .results import KataResult, TestOutcome

__all__ = ["SKIP_GPU", "SKIP_DATA", "SKIP_OPTIONAL", "skip_kind", "verdict"]

SKIP_GPU = "needs GPU"  # a CUDA kata on a machine without one: expected, not a problem
SKIP_DATA = "dataset unavailable"  # the course's own data is missing or corrupt: a configuration error
SKIP_OPTIONAL = "optional dataset unavailable"  # one the course cannot ship (CIFAR-10): expected, like no GPU


def skip_kind(message: str) -> str:
    """"gpu", "data" or "optional" for a skip's message (the plugin writes each)."""
    if message.startswith(SKIP_OPTIONAL):
        return "optional"
    return "data" if message.startswith(SKIP_DATA) else "gpu"


def verdict(kata: Kata, tests: list[TestOutcome], expected: int, *, missing: Path | None = None,
            load_error: str | None = None, untouched: bool = False) -> KataResult | None:
    """The kata's result, or None when its tests did not all run to completion.

    tests       the outcomes of the tests that ran to completion, in order
    expected    how many tests the kata has
    missing     the kata file, when it does not exist
    load_error  why the kata's test file could not be imported
    untouched   a "fix the bug" kata whose file is still the shipped stub
    """
    result = KataResult(kata.key, kata.full_key, "passed", tests=tests)
    result.duration = sum(t.duration for t in tests)
    result.output = "".join(t.output for t in tests)
    for t in tests:
        result.metrics.update(t.metrics)
    failed = [t for t in tests if t.outcome == "failed"]
    if missing is not None:
        message = f"{missing} does not exist"
        result.status, result.message = "not started", message
        result.tests = [TestOutcome("(file)", "failed", "not started", message)]
    elif load_error is not None:
        result.status, result.message = "failing", f"the kata's tests could not be loaded:\n{load_error}"
    elif len(tests) < expected:
        return None  # stopped part-way: no verdict
    elif not tests:
        result.status, result.message = "failing", "no tests were collected for this kata"
    elif all(t.outcome == "skipped" for t in tests):
        result.status, result.message = "skipped", tests[0].message
        result.skip = skip_kind(tests[0].message)
    elif failed and all(t.status == "not started" for t in failed) and not any(t.outcome == "passed" for t in tests):
        result.status, result.message = "not started", failed[0].message
    elif failed and untouched:
        result.status = "not started"
        result.message = "unchanged from the shipped stub: find and fix the bug\n" + failed[0].message
    elif failed:
        first = next((t for t in failed if t.status != "not started"), failed[0])
        result.status, result.message = "failing", first.message
    return result
