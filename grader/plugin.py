"""The pytest plugin behind every kata test: one `KataPlugin` instance per grading run.

The instance holds the run (`run.py`) and its sandbox, owns the workers, maps each test
file to its kata once, collects every test's outcome and decides each kata's status with
`verdict.verdict` as soon as its last test has run. Its fixtures:

    kata        the learner's module, seen through a worker: `kata.fn(*args)` runs `fn` in
                the worker and returns plain data; `kata.probe(fn, *args)` runs a function of
                the test file in the worker with the learner's module as its first argument.
    kata_tmp    a fresh folder of the worker's own, for files the kata writes and reads back.
    kata_inbox  a fresh folder the test writes files in for the kata to read.
    ref         the reference solution, imported here in the judge (trusted code).
    mnist_dir   the verified MNIST root; skips as "dataset unavailable" without it.
    mnist_train_dir  what a kata with `data = "train"` may read: MNIST's training split only.
    cifar10_dir the data folder holding CIFAR-10, which the course cannot ship; skips as
                "optional dataset unavailable" (expected, like no GPU) without it.

The fixtures are this module's functions; each asks the run's instance (`config.stash[RUN]`).
`grade` registers this module and its instance with `pytest.main(..., plugins=[...])` (see
`pipeline.py`).
A bare `pytest` (tests/conftest.py loads this module) builds one from the `--kata-*`
options: by default it grades the solutions, which proves every one of them passes.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from . import i18n, paths
from .errors import GradeError, KataProblem
from .manifest import Kata, load_chapters
from .results import MAX_CURVE, KataResult, TestOutcome
from .run import GradingRun
from .sandbox import MEMORY_LIMIT, Sandbox, SandboxError, Worker
from .verdict import SKIP_DATA, SKIP_GPU, SKIP_OPTIONAL, verdict

__all__ = ["KataPlugin", "KataProxy", "RUN"]


class KataProxy:
    """The learner's module as tests see it: attribute calls run in the worker."""

    def __init__(self, worker: Worker):
        self._worker = worker

    def probe(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return self._worker.probe(fn, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return functools.partial(self._worker.call, name)


@functools.cache
def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


class KataPlugin:
    """One grading run inside pytest (see the module docstring)."""

    def __init__(self, run: GradingRun, sandbox: Sandbox):
        self.run = run
        self.sandbox = sandbox
        self.by_file = {str((paths.TESTS / k.test_path).resolve()): k for k in run.katas}
        self.outcomes: dict[str, list[TestOutcome]] = {f: [] for f in self.by_file}
        self.expected: dict[str, int] = dict.fromkeys(self.by_file, 0)
        self.ran: dict[str, int] = dict.fromkeys(self.by_file, 0)
        self.load_errors: dict[str, str] = {}
        self.results: dict[str, KataResult] = {}  # full key -> verdict, in the order they landed
        self.interrupt: BaseException | None = None  # what stopped the run, if anything did
        self._file_of: dict[str, str] = {}  # test id -> its kata's test file
        self._order: list[str] = []  # kata test files in the order they run
        self._workers: dict[str, Worker] = {}  # test file -> its kata's worker, started ahead or running
        self._failures: dict[tuple[str, str], tuple[str, str, str]] = {}  # (test id, phase) -> (status, message, kind)
        self._losses: dict[str, dict[str, list[float]]] = {f: {} for f in self.by_file}  # reported, not yet on a test
        self._training_view: str | None = None  # made on first use (see training_view)

    # -- collection ------------------------------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.stash[RUN] = self
        if config.getoption("tbstyle", None) is None:  # the judge: no terminal plugin, so no --tb
            # Learners see the kata's message, never pytest's traceback, and pytest's default
            # long format parses the source of every frame: ~10 ms for each failed test.
            config.option.tbstyle = "native"

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.load_errors[str(Path(report.fspath).resolve())] = str(report.longrepr)[-3000:]

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Map each test to its kata; give it the manifest's markers; skip CUDA katas
        without a GPU; make sure workers can be started here."""
        for item in items:
            test_file = str(Path(item.path).resolve())
            kata = self.by_file.get(test_file)
            if kata is None:
                continue
            self._file_of[item.nodeid] = test_file
            self.expected[test_file] += 1
            if test_file not in self._order:
                self._order.append(test_file)
            for marker in kata.markers:
                item.add_marker(marker)
            if item.get_closest_marker("cuda") and not _cuda_available():  # the kata's, or one test's
                item.add_marker(pytest.mark.skip(reason=SKIP_GPU))
        if self._order:
            try:
                self.sandbox.check()
            except SandboxError as e:
                raise pytest.UsageError(str(e)) from None

    def pytest_collection_finish(self) -> None:
        """Once per process, after the test files (and torch) are imported: move every object
        so far into the garbage collector's permanent generation. Otherwise each full collection
        walks torch's ~300,000 objects (100-200 ms each). Only once, so that a batch judge
        grading many submissions never freezes their garbage."""
        import gc

        if gc.get_freeze_count() == 0:
            gc.freeze()

    # -- outcomes --------------------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
        """What made a test fail, in the kata's terms: its status (a KataProblem says "not
        started" for an untouched stub) and the check's own message."""
        yield
        if call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception):
            error = call.excinfo.value
            status, kind = (error.status, error.kind) if isinstance(error, KataProblem) else ("failing", "wrong")
            self._failures[(item.nodeid, call.when)] = (status, str(error) or type(error).__name__, kind)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        test_file = self._file_of.get(report.nodeid)
        if test_file is None:
            return
        tests = self.outcomes[test_file]
        name = report.nodeid.split("::", 1)[-1]
        if not tests or tests[-1].name != name:
            tests.append(TestOutcome(name=name, outcome="passed"))
        test = tests[-1]
        test.duration += report.duration
        test.metrics.update({k: v for k, v in report.user_properties if isinstance(v, (int, float))})
        recorded: dict[str, Any] = dict(report.user_properties) if report.when == "call" else {}
        for name, curve in (("loss", test.curve), ("val_loss", test.val_curve)):
            curve += self._losses[test_file].pop(name, [])  # reported by the run as progress events
            if f"{name}_curve" in recorded:  # handed over by the test (checks.record_curve): it knows best
                curve[:] = recorded[f"{name}_curve"]
        worker = self._workers.get(test_file)
        if worker is not None and report.when == "call":
            test.output += worker.take_output()
        if report.skipped and test.outcome == "passed":
            longrepr = report.longrepr
            message = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
            test.outcome, test.status, test.message = "skipped", "skipped", message.removeprefix("Skipped: ")
        elif report.failed and test.outcome != "failed":
            test.outcome = "failed"
            test.status, test.message, test.kind = self._failures.pop(
                (report.nodeid, report.when), ("failing", str(report.longrepr)[-2000:], "wrong"))

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        """A test ran to completion (an interrupted one never gets here)."""
        test_file = self._file_of.get(nodeid)
        if test_file is None:
            return
        self.ran[test_file] += 1
        if self.ran[test_file] == self.expected[test_file]:
            self._decide(test_file)

    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
        self.interrupt = excinfo.value

    def _decide(self, test_file: str) -> None:
        kata = self.by_file[test_file]
        result = verdict(kata, self.outcomes[test_file], self.expected[test_file],
                         load_error=self.load_errors.get(test_file), untouched=self._untouched(kata))
        if result is None:
            return
        if result.status == "failing":
            result.mistake = self._mistake(kata, result)
        drawn = [t for t in result.tests if t.curve]  # one run's curve: a failed test's first, as it explains more
        if drawn:
            shown = next((t for t in drawn if t.outcome == "failed"), drawn[0])
            result.curve, result.val_curve = shown.curve, shown.val_curve
        self.results[kata.full_key] = result
        self.run.on_result(result)

    def _mistake(self, kata: Kata, result: KataResult) -> str:
        """The common mistake this failure looks like, from the kata's catalogue, or ""."""
        from . import catalogue

        try:
            entry = catalogue.diagnose(catalogue.load(kata), result, self.run.lang)
        except catalogue.CatalogueError:  # `grade dev check` reports it; grading goes on
            return ""
        return entry.reason(self.run.lang) if entry else ""

    def _untouched(self, kata: Kata) -> bool:
        """A "fix the bug" kata whose file is still the shipped buggy stub."""
        from .files import read_regular
        from .stubgen import pristine_stub

        if kata.kind != "fix" or self.run.source.resolve() == paths.SOLUTIONS.resolve():
            return False
        try:
            return read_regular(self.run.source / kata.path, 1_000_000).decode("utf-8") == pristine_stub(kata)
        except (GradeError, UnicodeDecodeError):  # missing, not a regular file, not text: not the stub
            return False

    def finish(self) -> list[KataResult]:
        """Every kata's result in course order, for a run that was not interrupted: katas whose
        test file could not be loaded, or had no tests, are decided here."""
        for test_file in self.by_file:
            if self.by_file[test_file].full_key not in self.results and self.ran[test_file] == self.expected[test_file]:
                self._decide(test_file)
        return [self.results[k.full_key] for k in self.run.katas if k.full_key in self.results]

    def pytest_sessionfinish(self) -> None:
        while self._workers:
            self._workers.popitem()[1].close()
        self.sandbox.settle()  # every worker reaped and its /dev/shm files gone before the next run

    # -- workers ---------------------------------------------------------------------------
    def _worker(self, kata: Kata) -> Worker:
        memory = None if "cuda" in kata.markers or _cuda_available() else MEMORY_LIMIT  # the driver's mappings count
        data = (self.training_view(),) if kata.data == "train" else None
        return Worker(self.run.source / kata.path, timeout=self.run.timeout or kata.timeout, sandbox=self.sandbox,
                      memory_limit=memory, data=data)

    def training_view(self) -> str:
        """The data folder of a kata that sees only MNIST's training split (see data.py), made
        in the sandbox once; "" (no data at all) when MNIST is unavailable: its tests skip."""
        from .data import DatasetUnavailable, data_dir, ensure_mnist, training_view

        if self._training_view is None:
            try:
                root = ensure_mnist(data_dir(self.run.data_dir))
                self._training_view = str(training_view(root, self.sandbox.root / "training-view"))
            except DatasetUnavailable:
                self._training_view = ""
        return self._training_view

    def _start_next(self, test_file: str) -> None:
        """Start the worker of the next kata in the run now, while this one's tests run."""
        following = self._order[self._order.index(test_file) + 1:] if test_file in self._order else []
        if following and following[0] not in self._workers:
            worker = self._worker(self.by_file[following[0]])
            worker.start()
            self._workers[following[0]] = worker

    def _kata_of(self, request: pytest.FixtureRequest) -> tuple[str, Kata]:
        test_file = str(Path(request.module.__file__).resolve())
        if test_file not in self.by_file:
            pytest.fail(f"{request.module.__file__} has no entry in its chapter.toml", pytrace=False)
        return test_file, self.by_file[test_file]

    # -- what the fixtures below give a test ------------------------------------------------
    def kata_proxy(self, request: pytest.FixtureRequest) -> Iterator[KataProxy]:
        test_file, info = self._kata_of(request)
        worker = self._workers.get(test_file) or self._worker(info)
        self._workers[test_file] = worker
        self._start_next(test_file)
        worker.on_progress = functools.partial(self._progress, test_file, info.key)
        try:
            yield KataProxy(worker)
        finally:
            self._workers.pop(test_file, None)
            worker.close()

    def _progress(self, test_file: str, key: str, event: dict) -> None:
        """A progress event of the learner's training: its `loss` (and `val_loss`) join the
        running test's loss curve (when its report comes); the event goes on to the live display."""
        for name in ("loss", "val_loss"):
            value, curve = event.get(name), self._losses[test_file].setdefault(name, [])
            if isinstance(value, (int, float)) and not isinstance(value, bool) and len(curve) < MAX_CURVE:
                curve.append(float(value))
        if self.run.on_progress is not None:
            self.run.on_progress(key, event)

    def reference(self, request: pytest.FixtureRequest) -> ModuleType:
        _, info = self._kata_of(request)
        name = f"solution_{info.chapter}_{info.id}"
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, paths.SOLUTIONS / info.path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        return sys.modules[name]

    def mnist_root(self) -> str:
        from .data import DatasetUnavailable, data_dir, ensure_mnist

        try:
            return str(ensure_mnist(data_dir(self.run.data_dir)))
        except DatasetUnavailable as e:
            pytest.skip(f"{SKIP_DATA}: {e}")

    def cifar10_root(self) -> str:
        from .data import DatasetUnavailable, data_dir, find_cifar10

        try:
            return str(find_cifar10(data_dir(self.run.data_dir)))
        except DatasetUnavailable as e:
            pytest.skip(f"{SKIP_OPTIONAL}: {e}")


RUN = pytest.StashKey[KataPlugin]()  # the run's plugin instance, for the fixtures


@pytest.fixture(scope="session")
def mnist_train_dir(request: pytest.FixtureRequest, mnist_dir: str) -> str:
    """The data folder of a kata with `data = "train"`: MNIST's training split only, all its
    worker may read (the judge keeps the test split, in `mnist_dir`)."""
    return request.config.stash[RUN].training_view()


@pytest.fixture(scope="module")
def kata(request: pytest.FixtureRequest) -> Iterator[KataProxy]:
    """The learner's module, seen through the kata's worker."""
    yield from request.config.stash[RUN].kata_proxy(request)


@pytest.fixture
def kata_tmp(kata: KataProxy) -> Path:
    """A fresh folder of the worker's own, for files the kata writes and reads back in the
    worker (a checkpoint saved, then loaded). The test passes its path to a probe; it never
    reads or writes in it itself."""
    return kata._worker.fresh_folder()


@pytest.fixture
def kata_inbox(kata: KataProxy, request: pytest.FixtureRequest) -> Path:
    """A fresh folder for files the test writes for the kata to read (images, a label
    file): the worker may read it, never change it."""
    return kata._worker.inbox_folder(request.node.name.replace("/", "_")[:80])


@pytest.fixture(scope="module")
def ref(request: pytest.FixtureRequest) -> ModuleType:
    """The reference solution, imported here in the judge (trusted code)."""
    return request.config.stash[RUN].reference(request)


@pytest.fixture(scope="session")
def mnist_dir(request: pytest.FixtureRequest) -> str:
    """The verified, unpacked MNIST root; skips as "dataset unavailable" otherwise."""
    return request.config.stash[RUN].mnist_root()


@pytest.fixture(scope="session")
def cifar10_dir(request: pytest.FixtureRequest) -> str:
    """The data folder holding CIFAR-10's Python version, which the course cannot ship; the
    kata skips as "optional dataset unavailable" (not a configuration error) without it."""
    return request.config.stash[RUN].cifar10_root()


# -- a bare `pytest` ---------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torchkata", "torchkata kata grading (for a bare pytest run)")
    group.addoption("--kata-source", default="solutions",
                    help="whose kata files to test: 'solutions' (default), 'exercises', or a folder "
                    "laid out like exercises/")
    group.addoption("--kata-timeout", type=float, default=None,
                    help="seconds per call into a kata, overriding the manifest's timeout")
    group.addoption("--kata-lang", default="en", choices=("en", "zh"), help="language of failure explanations")
    group.addoption("--kata-data-dir", default=None,
                    help="folder holding MNIST/raw/ (default: TORCHKATA_DATA, else data/)")


def pytest_configure(config: pytest.Config) -> None:
    """Under a bare `pytest`, build the run from the options; under `grade`, the pipeline
    has registered its own instance already."""
    if any(isinstance(p, KataPlugin) for p in config.pluginmanager.get_plugins()):
        return
    from .pipeline import sandbox_for

    named = {"solutions": paths.SOLUTIONS, "exercises": paths.EXERCISES}
    source = config.getoption("--kata-source")
    data = config.getoption("--kata-data-dir")
    i18n.set_language(config.getoption("--kata-lang"))
    katas = tuple(k for c in load_chapters(paths.EXERCISES) for k in c.katas)
    run = GradingRun(katas, named.get(source, Path(source)), lang=i18n.language(),
                     timeout=config.getoption("--kata-timeout"), data_dir=Path(data) if data else None)
    sandbox = sandbox_for(run, start=False)  # started by the first kata collected, if any
    config.add_cleanup(sandbox.close)
    config.pluginmanager.register(KataPlugin(run, sandbox), "torchkata-run")
