"""A small pytest plugin object that turns test reports into one verdict per kata."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .manifest import Kata
from .results import KataResult, TestOutcome

__all__ = ["Collector", "verdict"]


def verdict(kata: Kata, tests: list[TestOutcome]) -> KataResult:
    """Combine a kata's test outcomes into its status and first explanation."""
    result = KataResult(kata.key, kata.full_key, "passed", tests=tests)
    result.duration = sum(t.duration for t in tests)
    result.output = "".join(t.output for t in tests)
    for t in tests:
        result.metrics.update(t.metrics)
    failed = [t for t in tests if t.outcome == "failed"]
    if not tests:
        result.status, result.message = "failing", "no tests were collected for this kata"
    elif all(t.outcome == "skipped" for t in tests):
        result.status, result.message = "skipped", tests[0].message
    elif failed and all(t.status == "not started" for t in failed) and not any(
        t.outcome == "passed" for t in tests
    ):
        result.status, result.message = "not started", failed[0].message
    elif failed:
        first = next((t for t in failed if t.status != "not started"), failed[0])
        result.status, result.message = "failing", first.message
    return result


class Collector:
    """Collects reports per test file and calls `on_result` as each kata finishes."""

    def __init__(self, katas: list[Kata], tests_root: Path, on_result: Callable[[KataResult], None]):
        self.by_file = {str((tests_root / k.test_path).resolve()): k for k in katas}
        self.tests: dict[str, list[TestOutcome]] = {f: [] for f in self.by_file}
        self.remaining: dict[str, int] = {}
        self.file_of: dict[str, str] = {}
        self.on_result = on_result
        self.results: dict[str, KataResult] = {}
        self.errors: dict[str, str] = {}

    def pytest_configure(self, config: pytest.Config) -> None:
        self.rootdir = config.rootpath

    def _file(self, path: Any) -> str:
        """An absolute, resolved path; report paths are relative to the rootdir."""
        return str((self.rootdir / path).resolve())

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.errors[self._file(report.fspath)] = str(report.longrepr)[-3000:]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            f = self._file(item.path)
            self.file_of[item.nodeid] = f
            self.remaining[f] = self.remaining.get(f, 0) + 1

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        f = self.file_of.get(report.nodeid, "")
        if f not in self.tests:
            return
        tests = self.tests[f]
        name = report.nodeid.split("::", 1)[-1]
        if not tests or tests[-1].name != name:
            tests.append(TestOutcome(name=name, outcome="passed"))
        test = tests[-1]
        test.duration += report.duration
        test.output += getattr(report, "kata_output", "")
        test.metrics.update({k: v for k, v in report.user_properties if isinstance(v, (int, float))})
        if report.skipped and test.outcome == "passed":
            test.outcome, test.status = "skipped", "skipped"
            longrepr = report.longrepr
            test.message = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
            test.message = test.message.removeprefix("Skipped: ")
        elif report.failed and test.outcome != "failed":
            test.outcome = "failed"
            test.status = getattr(report, "kata_status", "failing")
            test.message = getattr(report, "kata_message", None) or str(report.longrepr)[-2000:]

    def pytest_runtest_logfinish(self, nodeid: str, location: Any) -> None:
        f = self.file_of.get(nodeid)
        if f is None or f not in self.tests:
            return
        self.remaining[f] -= 1
        if self.remaining[f] == 0:
            self._finish(f)

    def _finish(self, f: str) -> None:
        kata = self.by_file[f]
        result = verdict(kata, self.tests[f])
        self.results[kata.full_key] = result
        self.on_result(result)

    def finish(self) -> list[KataResult]:
        """Verdicts for every kata, in order, including those whose tests never ran."""
        for f, kata in self.by_file.items():
            if kata.full_key in self.results:
                continue
            result = verdict(kata, self.tests[f])
            if f in self.errors:
                result.status = "failing"
                result.message = f"the kata's tests could not be loaded:\n{self.errors[f]}"
            self.results[kata.full_key] = result
            self.on_result(result)
        return [self.results[k.full_key] for k in self.by_file.values()]
