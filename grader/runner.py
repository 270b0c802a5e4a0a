"""Grade katas: run their hidden-reference tests in this process (the judge) with pytest,
while the kata files themselves run in workers (see `sandbox.py`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import paths
from .errors import GradeError
from .files import read_regular
from .manifest import Kata
from .results import KataResult, TestOutcome
from .stubgen import make_stub

__all__ = ["grade_katas", "pristine_stub"]

MAX_KATA_BYTES = 1_000_000


def pristine_stub(kata: Kata) -> str:
    """The stub as shipped, generated from the kata's solution."""
    path = paths.SOLUTIONS / kata.path
    return make_stub(path.read_text(encoding="utf-8"), str(path))


def _untouched(kata: Kata, source: Path) -> bool:
    """True for a "fix the bug" kata whose file is still the shipped buggy stub."""
    if kata.kind != "fix" or source.resolve() == paths.SOLUTIONS.resolve():
        return False
    try:
        return read_regular(source / kata.path, MAX_KATA_BYTES).decode("utf-8") == pristine_stub(kata)
    except (GradeError, UnicodeDecodeError):
        return False


def _missing(kata: Kata, source: Path) -> KataResult:
    message = f"{source / kata.path} does not exist"
    return KataResult(kata.key, kata.full_key, "not started", message=message,
                      tests=[TestOutcome("(file)", "failed", "not started", message)])


def pytest_args(files: list[str], source: Path, timeout: float | None = None,
                data_dir: Path | None = None, lang: str = "en", protected: list[Path] | None = None) -> list[str]:
    """The pytest command line the judge runs: the grader's own config, never the learner's."""
    extra = [f"--kata-lang={lang}"]
    extra += [f"--kata-timeout={timeout}"] if timeout else []
    extra += [f"--kata-data-dir={data_dir}"] if data_dir else []
    extra += [f"--kata-protect={p}" for p in protected or []]
    return [*extra,
        *files,
        "-p", "pytest_timeout",  # plugin autoload is off: the judge loads exactly these
        "-p", "no:terminal",
        "--capture=no",  # learner output is captured in the worker; the live display needs stdout
        "-p", "no:cacheprovider",
        "-p", "no:unraisableexception",  # its gc.collect() at the end costs ~0.1 s with torch loaded
        "-p", "no:logging",  # it attaches a handler to each of torch's ~40 non-propagating loggers, 3x per test
        "--rootdir", str(paths.ROOT),
        "-c", str(paths.ROOT / "pyproject.toml"),
        f"--kata-source={source}",
    ]


def grade_katas(
    katas: list[Kata],
    source: Path,
    on_result: Callable[[KataResult], None] = lambda r: None,
    on_progress: Callable[[str, dict], None] | None = None,
    timeout: float | None = None,
    data_dir: Path | None = None,
    lang: str = "en",
    protected: list[Path] | None = None,
) -> list[KataResult]:
    """Grade `katas` from the files under `source`; `on_result` sees each verdict as it lands,
    `on_progress` the progress events (kata key, event) that katas send while they train."""
    from . import plugin

    kata_files = [root / k.path for k in katas for root in (paths.SOLUTIONS, source)]
    # The template imports torch while this process does too.
    sandbox = plugin.sandbox_for(str(data_dir) if data_dir else None, [str(p) for p in protected or []],
                                 kata_files + [paths.TESTS / k.test_path for k in katas])
    import pytest

    from .collector import Collector

    def report(result: KataResult) -> None:
        kata = next(k for k in katas if k.full_key == result.full_key)
        if result.status == "failing" and _untouched(kata, source):
            result.status = "not started"
            result.message = "unchanged from the shipped stub: find and fix the bug\n" + result.message
        on_result(result)

    present = [k for k in katas if os.path.lexists(source / k.path)]  # a FIFO or link: the worker says why
    collector = Collector(present, paths.TESTS, report)
    files = [str(paths.TESTS / k.test_path) for k in present if (paths.TESTS / k.test_path).is_file()]
    if files:
        plugin.progress_sink = on_progress
        # Plugins installed beside the grader (pytest-randomly, xdist, ...) must not change how
        # katas are judged; skipping their discovery also saves a few hundred milliseconds.
        autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        try:
            code = pytest.main(pytest_args(files, source, timeout, data_dir, lang, protected), plugins=[collector])
        finally:
            plugin.progress_sink = None
            if autoload is None:
                del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
            else:
                os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
        if code == pytest.ExitCode.USAGE_ERROR:  # e.g. a pytest release without an option used here
            sandbox.check()  # or workers that cannot be confined here: raises SandboxError, saying why
            raise GradeError(f"pytest {pytest.__version__} refused the grader's command line (see above); "
                             "`grade doctor` shows the versions in use")
    found = {r.full_key: r for r in collector.finish()}
    results = []
    for kata in katas:
        if kata.full_key not in found:
            found[kata.full_key] = _missing(kata, source)
            on_result(found[kata.full_key])
        results.append(found[kata.full_key])
    return results
