"""The pytest plugin behind every kata test (loaded by `tests/conftest.py`).

Fixtures:
    kata      the learner's module, seen through a worker: `kata.fn(*args)` runs `fn` in
              the worker and returns plain data; `kata.probe(fn, *args)` runs a function of
              the test file in the worker with the learner's module as its first argument.
    kata_tmp  a fresh folder of the worker's own, for files the kata writes and reads back.
    kata_inbox  a fresh folder the test writes files in for the kata to read.
    ref       the reference solution, imported here in the judge (trusted code).

`--kata-source` picks whose code the worker runs: `solutions` (the default, so a bare
`pytest` proves every solution passes), `exercises`, or a folder with the same layout.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from . import paths
from .manifest import Kata, load_chapter
from .sandbox import MEMORY_LIMIT, Sandbox, SandboxError, Worker, preload_for

__all__ = ["KataProxy", "kata_for_test_file", "sandbox_for"]

_workers: dict[str, Worker] = {}  # test file -> its kata's worker, for captured output
# Set by the runner to show progress events (epoch, batch, loss) sent by a kata's worker.
progress_sink: Callable[[str, dict], None] | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torchkata", "torchkata kata grading")
    group.addoption(
        "--kata-source",
        default="solutions",
        help="whose kata files to test: 'solutions' (default), 'exercises', or a folder "
        "laid out like exercises/",
    )
    group.addoption("--kata-timeout", type=float, default=None,
                    help="seconds per call into a kata, overriding the manifest's timeout")
    group.addoption("--kata-lang", default="en", choices=("en", "zh"),
                    help="language of failure explanations")
    group.addoption("--kata-data-dir", default=None,
                    help="folder holding MNIST/raw/ (default: TORCHKATA_DATA, else data/)")
    group.addoption("--kata-protect", action="append", default=[], metavar="DIR",
                    help="a folder workers may not read (besides the repository, home and temp)")


def pytest_configure(config: pytest.Config) -> None:
    from . import i18n

    i18n.current = config.getoption("--kata-lang")
    if config.getoption("tbstyle", None) is None:  # the judge: no terminal plugin, so no --tb
        # Learners see the kata's message, never pytest's traceback, and pytest's default
        # long format parses the source of every frame: ~10 ms for each failed test.
        config.option.tbstyle = "native"


def source_root(config: pytest.Config) -> Path:
    """The folder holding the kata files under test."""
    value = config.getoption("--kata-source")
    named = {"solutions": paths.SOLUTIONS, "exercises": paths.EXERCISES}
    return named.get(value, Path(value))


@functools.cache
def _chapter(folder: str) -> Any:
    return load_chapter(paths.EXERCISES / folder)


def kata_for_test_file(path: Path) -> Kata | None:
    """The manifest entry of a test file `tests/chNN_x/test_exNN_y.py`, if it has one."""
    path = Path(path)
    if not path.name.startswith("test_ex") or not path.parent.name.startswith("ch"):
        return None
    kata_id = path.stem.removeprefix("test_")
    chapter = _chapter(path.parent.name)
    return next((k for k in chapter.katas if k.id == kata_id), None)


class KataProxy:
    """The learner's module as tests see it: attribute calls run in the worker."""

    def __init__(self, worker: Worker):
        self._worker = worker

    def probe(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return self._worker.probe(fn, *args, **kwargs)

    @property
    def scratch(self) -> Path:
        """The worker's scratch folder: the only one it may write, and where it runs."""
        return self._worker.scratch

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return functools.partial(self._worker.call, name)


def _kata_of(request: pytest.FixtureRequest) -> Kata:
    kata = kata_for_test_file(Path(request.module.__file__))
    if kata is None:
        pytest.fail(f"{request.module.__file__} has no entry in its chapter.toml", pytrace=False)
    return kata


def _memory_limit(info: Kata) -> int | None:
    """No heap limit where CUDA may run: the driver's mappings would count against it."""
    return None if "cuda" in info.markers or _cuda_available() else MEMORY_LIMIT


_sandboxes: dict[tuple, Sandbox] = {}  # one per policy, kept warm for the process's later runs


def sandbox_for(data_dir: str | None, protected: list[str], files: list[Path]) -> Sandbox:
    """The sandbox for workers that read `data_dir` and not `protected`; the template
    preloads what `files` (kata, solution and test files) need."""
    from .data import data_dir as resolve_data_dir

    readable = (resolve_data_dir(data_dir), paths.ROOT / ".grade" / "data")
    key = (readable, tuple(protected))
    if key not in _sandboxes:
        while _sandboxes:
            _sandboxes.popitem()[1].close()
        _sandboxes[key] = Sandbox(readable, [Path(p) for p in protected], preload_for(files))
        atexit.register(_sandboxes[key].close)
    return _sandboxes[key]


def _new_worker(config: pytest.Config, info: Kata) -> Worker:
    sandbox = sandbox_for(config.getoption("--kata-data-dir"), config.getoption("--kata-protect"), [])
    return Worker(source_root(config) / info.path, timeout=config.getoption("--kata-timeout") or info.timeout,
                  sandbox=sandbox, memory_limit=_memory_limit(info))


@pytest.fixture(scope="module")
def kata(request: pytest.FixtureRequest) -> Iterator[KataProxy]:
    info = _kata_of(request)
    test_file = str(request.module.__file__)
    worker = _started.pop(test_file, None) or _new_worker(request.config, info)
    _start_next(request.config, test_file)
    if progress_sink is not None:
        sink = progress_sink
        worker.on_progress = lambda event: sink(info.key, event)
    _workers[test_file] = worker
    try:
        yield KataProxy(worker)
    finally:
        _workers.pop(test_file, None)
        worker.close()


_order: list[str] = []  # the collected test files, in the order they run
_started: dict[str, Worker] = {}  # workers started ahead of their kata's tests


def _start_next(config: pytest.Config, test_file: str) -> None:
    """Start the worker of the next kata in the run now, while this one's tests run."""
    following = _order[_order.index(test_file) + 1:] if test_file in _order else []
    info = kata_for_test_file(Path(following[0])) if following else None
    if info is not None and following[0] not in _started:
        worker = _new_worker(config, info)
        worker.start()
        _started[following[0]] = worker


def pytest_sessionfinish() -> None:
    while _started:
        _started.popitem()[1].close()
    for sandbox in _sandboxes.values():
        sandbox.settle()  # every worker reaped, its /dev/shm files gone, before the next run


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
    info = _kata_of(request)
    name = f"solution_{info.chapter}_{info.id}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, paths.SOLUTIONS / info.path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def mnist_dir(request: pytest.FixtureRequest) -> str:
    """The verified, unpacked MNIST root; skips as "dataset unavailable" otherwise."""
    from .data import DatasetUnavailable, data_dir, ensure_mnist

    try:
        return str(ensure_mnist(data_dir(request.config.getoption("--kata-data-dir"))))
    except DatasetUnavailable as e:
        pytest.skip(f"dataset unavailable: {e}")


@functools.cache
def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give each kata test its manifest markers; skip CUDA katas without a GPU; start the
    worker template now, with torchvision preloaded when a collected kata uses it."""
    _order[:] = list(dict.fromkeys(str(i.path) for i in items))
    test_files = {Path(i.path) for i in items}
    katas = [k for k in map(kata_for_test_file, test_files) if k]
    sandbox = sandbox_for(config.getoption("--kata-data-dir"), config.getoption("--kata-protect"),
                          [paths.SOLUTIONS / k.path for k in katas] + list(test_files))  # the runner's, if it made one
    try:
        sandbox.check()
    except SandboxError as e:
        raise pytest.UsageError(str(e)) from None
    for item in items:
        info = kata_for_test_file(Path(item.path))
        for marker in info.markers if info else ():
            item.add_marker(marker)
        if item.get_closest_marker("cuda") and not _cuda_available():
            item.add_marker(pytest.mark.skip(reason="needs GPU"))


def pytest_collection_finish() -> None:
    """Once per process, after the test files (and torch) are imported: move every object
    so far into the garbage collector's permanent generation. Otherwise each full collection
    walks torch's ~300,000 objects (100-200 ms each; a chapter triggers several, more where
    a test calls gc.collect()). Only once, so that a batch judge grading many submissions
    never freezes their garbage."""
    import gc

    if gc.get_freeze_count() == 0:
        gc.freeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Attach the kata status implied by the error, and the learner's printed output."""
    outcome: Any = yield
    report = outcome.get_result()
    if call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception):
        error = call.excinfo.value
        report.kata_status = getattr(error, "status", "failing")
        report.kata_message = str(error) or type(error).__name__
    worker = _workers.get(str(item.path))
    if worker is not None and call.when == "call":
        report.kata_output = worker.take_output()
