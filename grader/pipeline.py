"""The one grading pipeline: `grade(run)` for `grade`, `grade watch`, the batch judge and
`grade dev check`.

The katas' hidden tests run with pytest in this process (the judge) through one
`KataPlugin` instance; the kata files run in workers (see `sandbox/`). A caller that grades
again and again (watch, a batch judge, dev check) keeps one `Sandbox` warm across runs.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from . import paths
from .errors import GradeError
from .results import KataResult
from .run import GradingRun
from .sandbox import Sandbox, preload_for
from .verdict import verdict

__all__ = ["grade", "preload_of", "sandbox_for", "pytest_args"]


def preload_of(run: GradingRun) -> tuple[str, ...]:
    """The modules worth importing once in the template for the katas of `run` (torchvision...)."""
    files = [root / k.path for k in run.katas for root in (paths.SOLUTIONS, run.source)]
    return preload_for(files + [paths.TESTS / k.test_path for k in run.katas])


def sandbox_for(run: GradingRun, start: bool = True) -> Sandbox:
    """A sandbox for the workers of `run`: they may read the data folder, not the run's
    protected folders; the template preloads what the run's katas use. With `start`, the
    template starts now and imports torch while this process does too; else on first use."""
    from .data import data_dir

    data = (data_dir(run.data_dir), paths.STATE / "data")
    return Sandbox(data, run.protected, preload_of(run), start=start)


def pytest_args(files: list[str]) -> list[str]:
    """The pytest command line the judge runs: the grader's own configuration, never the learner's."""
    return [
        *files,
        "-p", "pytest_timeout",  # plugin autoload is off: the judge loads exactly these
        "-p", "no:terminal",
        "--capture=no",  # learner output is captured in the worker; the live display needs stdout
        "-p", "no:cacheprovider",
        "-p", "no:unraisableexception",  # its gc.collect() at the end costs ~0.1 s with torch loaded
        "-p", "no:logging",  # it attaches a handler to each of torch's ~40 non-propagating loggers, 3x per test
        "--rootdir", str(paths.ROOT),
        "-c", str(paths.ROOT / "pyproject.toml"),
    ]


def grade(run: GradingRun, sandbox: Sandbox | None = None) -> list[KataResult]:
    """Grade `run.katas`: every kata's result, in course order; `run.on_result` sees each as it
    lands. A run that is stopped (Ctrl-C, SIGTERM) raises what stopped it, once the katas that
    finished have been delivered: the others get no verdict. SandboxError: workers cannot run
    here; GradeError: pytest refused the command line."""
    import pytest

    from .plugin import KataPlugin

    _check_course(run)
    own = sandbox is None
    sandbox = sandbox or sandbox_for(run)
    try:
        present = tuple(k for k in run.katas if os.path.lexists(run.source / k.path))  # a FIFO: the worker says why
        plugin = KataPlugin(dataclasses.replace(run, katas=present), sandbox)
        files = [str(paths.TESTS / k.test_path) for k in present if (paths.TESTS / k.test_path).is_file()]
        if files:
            code = _pytest_main(files, plugin)
            if plugin.interrupt is not None:
                raise plugin.interrupt
            if code == pytest.ExitCode.USAGE_ERROR:  # workers that cannot run here, or a pytest without an option
                sandbox.check()  # raises SandboxError, saying why
                raise GradeError(f"pytest {pytest.__version__} refused the grader's command line (see above); "
                                 "`grade doctor` shows the versions in use")
            if code == pytest.ExitCode.INTERNAL_ERROR:
                raise RuntimeError("pytest stopped with an internal error (see above)")
        found = {r.full_key: r for r in plugin.finish()}
        for kata in run.katas:
            if kata not in present:
                missing = verdict(kata, [], 0, missing=Path(kata.path))  # relative: never a grader's scratch folder
                assert missing is not None
                found[kata.full_key] = missing
                run.on_result(missing)
        return [found[k.full_key] for k in run.katas]
    finally:
        if own:
            sandbox.close()


def _check_course(run: GradingRun) -> None:
    """GradeError when the course copy lacks a hidden test or reference solution of a kata
    of `run`: its tests could not judge it, and correct code would be told it fails."""
    missing = [p for k in run.katas for p in (paths.TESTS / k.test_path, paths.SOLUTIONS / k.path) if not p.is_file()]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise GradeError(f"this copy of the course is incomplete: {missing[0]} is missing{more}; grading needs every "
                         f"kata's hidden tests and reference solution. Fix: grade from a complete copy of the course "
                         f"(a full git clone), or point TORCHKATA_ROOT at one")


def _pytest_main(files: list[str], plugin: object) -> int:
    """pytest.main with exactly the grader's plugins: those installed beside it (pytest-randomly,
    xdist, ...) must not change how katas are judged; skipping their discovery also saves a few
    hundred milliseconds."""
    import pytest

    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        from . import plugin as fixtures  # the module's fixtures, whatever the course's conftest.py says

        return int(pytest.main(pytest_args(files), plugins=[fixtures, plugin]))
    finally:
        if autoload is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
