"""A kata's status, decided in one place from what its tests did.

A kata is "passed" only when every one of its tests ran to completion and passed. A run
stopped before that (Ctrl-C, SIGTERM, a closed terminal) gives no verdict at all for the
kata: nothing unfinished is shown as a result or recorded. The four statuses and what makes
each are in `verdict`; a skipped kata also says why (`SKIP_GPU`, `SKIP_DATA` or `SKIP_OPTIONAL`).
"""

from __future__ import annotations

from pathlib import Path

from . import i18n
from .manifest import Kata
from .results import KataResult, TestOutcome

__all__ = ["SKIP_GPU", "SKIP_DATA", "SKIP_OPTIONAL", "skip_kind", "verdict"]

SKIP_GPU = "needs GPU"  # a CUDA kata on a machine without one: expected, not a problem
SKIP_DATA = "dataset unavailable"  # the course's own data is missing or corrupt: a configuration error
SKIP_OPTIONAL = "optional dataset unavailable"  # one the course cannot ship (CIFAR-10): expected, like no GPU


_SKIP_ZH = {SKIP_GPU: "需要 GPU", SKIP_DATA: "数据集不可用", SKIP_OPTIONAL: "可选数据集不可用"}


def skip_message(message: str) -> str:
    """A skip's message for the learner: in Chinese the English key phrase stays first (reports
    and tools match on it) and its Chinese follows, `dataset unavailable（数据集不可用）：…`."""
    for prefix, zh in _SKIP_ZH.items():
        if i18n.language() == "zh" and message.startswith(prefix):
            rest = message[len(prefix):]
            return f"{prefix}（{zh}）" + ("：" + rest[2:] if rest.startswith(": ") else rest)
    return message


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
        message = i18n.t("verdict_missing", i18n.language(), path=missing)
        result.status, result.message = "not started", message
        result.tests = [TestOutcome("(file)", "failed", "not started", message)]
    elif load_error is not None:
        result.status, result.message = "failing", i18n.t("verdict_not_loaded", i18n.language(), error=load_error)
        result.failure = "error"
    elif len(tests) < expected:
        return None  # stopped part-way: no verdict
    elif not tests:
        result.status, result.message = "failing", i18n.t("verdict_no_tests", i18n.language())
        result.failure = "error"
    elif all(t.outcome == "skipped" for t in tests):
        result.status, result.message = "skipped", skip_message(tests[0].message)
        result.skip = skip_kind(tests[0].message)
    elif failed and all(t.status == "not started" for t in failed) and not any(t.outcome == "passed" for t in tests):
        result.status, result.message = "not started", failed[0].message
    elif failed and untouched:
        result.status = "not started"
        result.message = i18n.t("verdict_untouched", i18n.language(), first=failed[0].message)
    elif failed:
        first = next((t for t in failed if t.status != "not started"), failed[0])
        result.status, result.message, result.failure = "failing", first.message, first.kind or "wrong"
    return result
