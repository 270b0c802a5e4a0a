"""The judge's side of the worker boundary.

`Worker` runs one kata file in a separate process, forked on Linux from a template that
imported torch once and never ran a torch op (a multiprocessing forkserver), or spawned
elsewhere. Every call has a deadline: past it, the worker and everything it started are
killed, and the next call gets a fresh worker. A crash (segfault, `os._exit`, the kernel's
OOM killer) fails that call only.

A worker confines itself before it imports the kata (see `confine.py`): it writes only in
its scratch folder, cannot read the solutions, the tests or other submissions, has no
TCP network, an allow-listed environment and limits on memory and output. When it is
stopped, every process it started goes with it, even one that left its process group.
"""

from __future__ import annotations

import atexit
import functools
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import confine, i18n, paths
from .codec import MAX_REPLY, decode
from .errors import KataBadValue, KataCrashed, KataNotStarted, KataRaised, KataTimeout

__all__ = ["Worker", "warm_up", "describe_call", "unconfined_reason", "temporary_folder", "sweep_leftovers"]

# multiprocessing re-runs the judge's main script in every new process before the worker
# starts: the `grade` console script imports grader.cli, ~7 ms a worker unless the template
# has it. (A main module run with -m, like `python -m grader`, is not re-run.)
PRELOAD = ["grader.worker", "grader.cli", "pytest", "numpy"]
STARTUP_DEADLINE = 120.0  # seconds for a fresh worker to say it is ready (torch import)
MAX_OUTPUT = 8000  # characters of learner output kept per call
MEMORY_LIMIT = int(os.environ.get("TORCHKATA_MEMORY_LIMIT_MB") or 6144) * 2**20  # heap per worker
FILE_SIZE_LIMIT = 64 * 2**20  # bytes in any one file a worker writes, its output included
PROCESS_LIMIT = 256  # processes a worker may add (non-root users only)
CONFINE = os.environ.get("TORCHKATA_NO_CONFINE", "") in ("", "0")  # the escape hatch, see SECURITY.md

# Folders a worker must not read besides the repository, home and temporary folders, such
# as where a teacher keeps the submissions (added by the CLI and the batch judges).
protected_extra: list[Path] = []

_context: Any = None


def _ctx(extra_preload: tuple[str, ...] = ()) -> Any:
    global _context
    if _context is None:
        if sys.platform.startswith("linux"):
            _context = multiprocessing.get_context("forkserver")
            # grader.template last: it freezes the template's heap once everything is loaded
            _context.set_forkserver_preload(PRELOAD + list(extra_preload) + ["grader.template"])
        else:  # torch and fork do not mix on macOS; Windows has no fork
            _context = multiprocessing.get_context("spawn")
    return _context


# Modules worth importing once in the template, when a kata's files mention the key:
# torchvision costs seconds to import; the first torch.optim optimizer imports torch._dynamo.
OPTIONAL_PRELOAD = {"torchvision": "torchvision", "optim": "torch._dynamo"}


def _preload_for(files: list[Path]) -> tuple[str, ...]:
    """The optional modules that the given kata, solution or test files will need."""
    text = ""
    for path in files:
        try:
            text += Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            pass
    return tuple(module for key, module in OPTIONAL_PRELOAD.items() if key in text)


def unconfined_reason() -> str | None:
    """Why workers run without the kernel's confinement here, or None when they have it."""
    if not CONFINE:
        return "TORCHKATA_NO_CONFINE is set"
    if confine.landlock_abi() == 0:
        return "this kernel has no Landlock (Linux 5.13 or newer has it)"
    return None


class _allow_listed_environ:
    """`with _allow_listed_environ():` the process environment holds only the variables a
    worker may see, so that a process started inside (the template) never had the others."""

    def __enter__(self) -> None:
        self.saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(confine.worker_env(self.saved))

    def __exit__(self, *_: object) -> None:
        os.environ.clear()
        os.environ.update(self.saved)


def warm_up(files: list[Path]) -> None:
    """Start the template process now, so it imports torch while the judge does too, with
    the optional modules that the given kata, solution and test files need. Once started,
    the template stays: later calls do nothing (and read no files)."""
    if _context is not None:
        return
    sweep_leftovers()
    _ensure_template(_ctx(_preload_for(files)))


def _ensure_template(ctx: Any) -> None:
    """Start the forkserver template if it is not running, with only the variables a
    worker may see in its environment."""
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with _allow_listed_environ():
            forkserver.ensure_running()
        atexit.unregister(_stop_template)  # once, however many workers start
        atexit.register(_stop_template)


def _stop_template() -> None:
    """Kill the template when the judge exits. Left alone, it would notice the judge is gone
    and tear down its interpreter, torch included: about half a second of CPU, during which
    it still holds the judge's stdout, so `grade | tee` and CI logs wait for it. It never
    ran a torch op and holds nothing worth a clean exit."""
    from multiprocessing import forkserver

    server: Any = forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)  # private, since Python 3.4
    if pid is not None:
        server._forkserver_pid = None
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError, PermissionError):
            pass


def temporary_folder(kind: str) -> tempfile.TemporaryDirectory:
    """A temporary folder named after this process (`kata-PID-KIND-…`), so that a later run
    can tell it was left behind by a grader killed with kill -9 (see `sweep_leftovers`)."""
    return tempfile.TemporaryDirectory(prefix=f"kata-{os.getpid()}-{kind}-")


def sweep_leftovers() -> None:
    """Remove the temporary folders of graders that are gone (killed before they could
    clean up: kill -9, a batch budget). A folder whose process still runs is kept."""
    import re
    import shutil

    root = Path(tempfile.gettempdir())
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        match = re.fullmatch(r"kata-(\d+)-[a-z]+-\w+", entry.name)
        if not match or int(match[1]) == os.getpid():
            continue
        try:
            os.kill(int(match[1]), 0)
        except ProcessLookupError:  # gone: nobody will clean this up but us
            shutil.rmtree(entry, ignore_errors=True)
        except (PermissionError, OverflowError):
            pass  # alive, another user's


def _short(value: object) -> str:
    t = type(value)
    if isinstance(value, (list, tuple)) and value:
        items = [_short(v) for v in value[:3]] + (["..."] if len(value) > 3 else [])
        inner = ", ".join(items)
        return f"[{inner}]" if t is list else f"({inner})"
    if t.__name__ == "Tensor" or hasattr(value, "shape") and hasattr(value, "dtype"):
        shape = tuple(getattr(value, "shape", ()))
        return f"tensor(shape={shape}, dtype={str(getattr(value, 'dtype', '?')).replace('torch.', '')})"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_call(name: str, args: tuple, kwargs: dict) -> str:
    """`name(args)` as a learner reads it, with tensors shown by shape and dtype."""
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _t(message: str, **fields: object) -> str:
    return i18n.t(message, i18n.current, **fields)


def _death(exitcode: int | None) -> str:
    if exitcode is None:
        return "stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = {"SIGSEGV": "segmentation fault", "SIGKILL": "killed, maybe out of memory",
               "SIGABRT": "aborted", "SIGBUS": "bus error", "SIGXFSZ": "wrote too much output"}
        return f"crashed with {name} ({why.get(name, 'killed by a signal')})"
    return f"exited with code {exitcode} (sys.exit or os._exit in the kata?)"


def _descendants(pid: int) -> list[int]:
    """Every live process below `pid` (Linux: read from /proc; elsewhere none are known)."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields and fields[0] != b"Z":  # a zombie is already dead
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_tree(pid: int) -> None:
    """SIGKILL the worker and everything it started: its process group, and descendants
    that left the group (the worker is their subreaper, so none escapes to init while it
    lives: stop it first, kill below it until nothing is left, then kill it)."""
    def signal_(target: int, sig: int, group: bool = False) -> None:
        try:
            (os.killpg if group else os.kill)(target, sig)
        except (ProcessLookupError, PermissionError):
            pass

    if not hasattr(os, "killpg"):
        return
    signal_(pid, signal.SIGSTOP)
    for _ in range(100):
        below = _descendants(pid)
        if not below:
            break
        for child in below:
            signal_(child, signal.SIGKILL)
    signal_(pid, signal.SIGKILL, group=True)
    signal_(pid, signal.SIGKILL)


@functools.cache
def _test_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


class Worker:
    """A worker process for one kata file, restarted after a crash or timeout."""

    def __init__(self, source: Path, timeout: float, scratch: Path | None = None,
                 readable: Sequence[Path] = (), memory_limit: int | None = MEMORY_LIMIT):
        self.source = Path(source).resolve()
        self.timeout = timeout
        self.readable = [str(p) for p in readable]  # besides Python, the grader and the kata
        self.memory_limit = memory_limit
        self._tmp = temporary_folder("worker")
        self.scratch = Path(scratch) if scratch else Path(self._tmp.name)
        self.out_path = Path(self._tmp.name) / "output.txt"
        self.out_path.touch()
        self._read_upto = 0
        self.proc: Any = None
        self.conn: Any = None
        self.ready = False  # the worker said it is ready
        self.timed_out: str | None = None  # after one timeout, later calls fail at once
        self.on_progress: Callable[[dict], None] | None = None  # progress events of a call

    # -- process lifecycle -------------------------------------------------------------
    def start(self) -> None:
        """Start the worker process, without waiting for it: the runner starts the next
        kata's worker while the current kata's tests run."""
        if self.proc is not None:
            return
        ctx = _ctx()
        parent, child = ctx.Pipe(duplex=True)
        from . import worker

        self.proc = ctx.Process(
            target=worker.serve,
            args=(child, str(self.source), str(self.out_path), str(self.scratch), i18n.current,
                  self._policy()),
            daemon=True,
        )
        _ensure_template(ctx)
        with _allow_listed_environ():  # spawn (macOS, Windows) passes the environment on here
            self.proc.start()
        child.close()
        self.conn = parent
        self.ready = False

    def _wait_ready(self) -> None:
        if not self.conn.poll(STARTUP_DEADLINE):
            self.kill()
            raise KataCrashed(f"the worker did not start within {STARTUP_DEADLINE:g} s")
        try:
            self.conn.recv_bytes(64)
        except (EOFError, OSError):
            code = self._reap()
            raise KataCrashed(f"the worker {_death(code)} while starting") from None
        self.ready = True

    def _policy(self) -> dict:
        """What the worker may read, and its limits (plain data for `worker.serve`)."""
        grader_dir = Path(__file__).resolve().parent
        readable = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(grader_dir), str(self.source),
                    *(p for p in sys.path if p and os.path.isdir(p)), *self.readable}
        protected = {str(paths.ROOT), str(Path.home()), tempfile.gettempdir(),
                     str(self.source.parent.parent), *map(str, protected_extra)}
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # root may read every process's environ
            protected.add("/proc")
            readable.update(f"/proc/{name}" for name in ("cpuinfo", "meminfo", "stat", "sys", "driver"))
        return {"confine": CONFINE, "readable": sorted(readable), "protected": sorted(protected),
                "memory": self.memory_limit, "file_size": FILE_SIZE_LIMIT, "processes": PROCESS_LIMIT}

    def _reap(self) -> int | None:
        self.proc.join(5)
        code = self.proc.exitcode
        self.kill()
        return code

    def kill(self) -> None:
        """Kill the worker and every process it started."""
        if self.proc is None:
            return
        pid = self.proc.pid
        if pid:
            _kill_tree(pid)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(0)  # no waiting: the kernel takes ~10 ms to tear down a stopped, killed worker
        self.conn.close()
        self.proc = self.conn = None

    def close(self) -> None:
        """Stop the worker and every process it started, and remove its scratch folder.
        (Killed, not asked: a kata may have replaced the code that would answer.)"""
        self.kill()
        self._tmp.cleanup()

    # -- requests ----------------------------------------------------------------------
    def _request(self, message: tuple, what: str) -> object:
        if self.timed_out:
            raise KataTimeout(_t("run_skipped_after_timeout", what=what, first=self.timed_out))
        self.start()
        if not self.ready:
            self._wait_ready()
        try:
            self.conn.send_bytes(pickle.dumps(message))
        except OSError:
            pass  # the worker is gone; receiving below reports how it died
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(what, deadline)
            if isinstance(reply, dict) and "progress" in reply and "ok" not in reply:
                if self.on_progress is not None and isinstance(reply["progress"], dict):
                    self.on_progress(reply["progress"])
                continue
            return self._unwrap(reply, what)

    def _receive(self, what: str, deadline: float) -> object:
        try:
            ready = self.conn.poll(max(0.0, deadline - time.monotonic()))
        except OSError:
            ready = True
        if not ready:
            self.kill()
            self.timed_out = what
            raise KataTimeout(_t("run_timeout", what=what, seconds=f"{self.timeout:g}"))
        try:
            payload = self.conn.recv_bytes(MAX_REPLY)
        except EOFError:
            code = self._reap()
            raise KataCrashed(_t("run_crashed", what=what, death=_death(code))) from None
        except OSError:
            self.kill()
            raise KataBadValue(f"{what} returned more than {MAX_REPLY // 2**20} MB of data") from None
        try:
            return decode(payload)
        except Exception as e:
            raise KataBadValue(f"{what} sent back something that is not plain data: {e}") from None

    @staticmethod
    def _unwrap(reply: object, what: str) -> object:
        if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
            raise KataBadValue(f"{what}: malformed reply from the worker")
        if reply["ok"]:
            return reply.get("value")
        if reply.get("kind") == "not_started":
            raise KataNotStarted(_t("run_not_started", what=what))
        if reply.get("kind") == "skipped":
            raise KataRaised(_t("run_skipped_by_submission", what=what,
                                error=f"{reply.get('type')}: {reply.get('message')}"))
        message = _t("run_raised", what=what, error=f"{reply.get('type')}: {reply.get('message')}")
        if reply.get("traceback"):
            message += f"\n{reply['traceback']}"
        raise KataRaised(message)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """`module.name(*args, **kwargs)` in the worker; the value comes back as plain data."""
        return self._request(("call", name, args, kwargs), describe_call(name, args, kwargs))

    def probe(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """`fn(module, *args, **kwargs)` in the worker, where `fn` lives in a test file."""
        test_file = str(sys.modules[fn.__module__].__file__)
        what = f"{fn.__name__}{describe_call('', args, kwargs)}"
        source = _test_source(test_file)  # sent along: the worker may not read tests/
        return self._request(("probe", test_file, source, fn.__name__, args, kwargs), what)

    def take_output(self) -> str:
        """What the learner's code printed since the last call, truncated."""
        with open(self.out_path, "rb") as f:
            f.seek(self._read_upto)
            data = f.read(MAX_OUTPUT + 1)
            self._read_upto = f.seek(0, os.SEEK_END)
        text = data.decode("utf-8", errors="replace")
        return text if len(text) <= MAX_OUTPUT else text[:MAX_OUTPUT] + "\n… (output truncated)"

