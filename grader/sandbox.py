"""The judge's side of the worker boundary.

`Worker` runs one kata file in a separate process, forked on Linux from a template that
imported torch once and never ran a torch op (a multiprocessing forkserver), or spawned
elsewhere. Every call has a deadline: past it, the worker and everything it started are
killed, and the next call gets a fresh worker. A crash (segfault, `os._exit`, the kernel's
OOM killer) fails that call only.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import i18n
from .codec import decode
from .errors import KataBadValue, KataCrashed, KataNotStarted, KataRaised, KataTimeout

__all__ = ["Worker", "warm_up", "describe_call"]

PRELOAD = ["grader.worker", "pytest", "numpy"]
STARTUP_DEADLINE = 120.0  # seconds for a fresh worker to say it is ready (torch import)
MAX_REPLY = 256 * 2**20
MAX_OUTPUT = 8000  # characters of learner output kept per call

_context: Any = None


def _ctx(extra_preload: tuple[str, ...] = ()) -> Any:
    global _context
    if _context is None:
        if sys.platform.startswith("linux"):
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(PRELOAD + list(extra_preload))
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


def warm_up(files: list[Path]) -> None:
    """Start the template process now, so it imports torch while the judge does too, with
    the optional modules that the given kata, solution and test files need. Once started,
    the template stays: later calls do nothing (and read no files)."""
    if _context is not None:
        return
    ctx = _ctx(_preload_for(files))
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


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


class Worker:
    """A worker process for one kata file, restarted after a crash or timeout."""

    def __init__(self, source: Path, timeout: float, scratch: Path | None = None):
        self.source = Path(source).resolve()
        self.timeout = timeout
        self._tmp = tempfile.TemporaryDirectory(prefix="kata-")
        self.scratch = Path(scratch) if scratch else Path(self._tmp.name)
        self.out_path = Path(self._tmp.name) / "output.txt"
        self.out_path.touch()
        self._read_upto = 0
        self.proc: Any = None
        self.conn: Any = None
        self.timed_out: str | None = None  # after one timeout, later calls fail at once
        self.on_progress: Callable[[dict], None] | None = None  # progress events of a call

    # -- process lifecycle -------------------------------------------------------------
    def _start(self) -> None:
        ctx = _ctx()
        parent, child = ctx.Pipe(duplex=True)
        from . import worker

        self.proc = ctx.Process(
            target=worker.serve,
            args=(child, str(self.source), str(self.out_path), str(self.scratch), i18n.current),
            daemon=True,
        )
        self.proc.start()
        child.close()
        self.conn = parent
        if not parent.poll(STARTUP_DEADLINE):
            self.kill()
            raise KataCrashed(f"the worker did not start within {STARTUP_DEADLINE:g} s")
        try:
            parent.recv_bytes(64)
        except (EOFError, OSError):
            code = self._reap()
            raise KataCrashed(f"the worker {_death(code)} while starting") from None

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
        if pid and hasattr(os, "killpg"):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()
        self.proc = self.conn = None

    def close(self) -> None:
        """Ask the worker to stop, then make sure it and its children are gone."""
        if self.proc is not None:
            try:
                self.conn.send_bytes(pickle.dumps(("exit",)))
                self.proc.join(1)
            except OSError:
                pass
            self.kill()
        self._tmp.cleanup()

    # -- requests ----------------------------------------------------------------------
    def _request(self, message: tuple, what: str) -> object:
        if self.timed_out:
            raise KataTimeout(_t("run_skipped_after_timeout", what=what, first=self.timed_out))
        if self.proc is None:
            self._start()
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
        message = _t("run_raised", what=what, error=f"{reply.get('type')}: {reply.get('message')}")
        if reply.get("traceback"):
            message += f"\n{reply['traceback']}"
        raise KataRaised(message)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """`module.name(*args, **kwargs)` in the worker; the value comes back as plain data."""
        return self._request(("call", name, args, kwargs), describe_call(name, args, kwargs))

    def probe(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """`fn(module, *args, **kwargs)` in the worker, where `fn` lives in a test file."""
        test_file = sys.modules[fn.__module__].__file__
        what = f"{fn.__name__}{describe_call('', args, kwargs)}"
        return self._request(("probe", test_file, fn.__name__, args, kwargs), what)

    def take_output(self) -> str:
        """What the learner's code printed since the last call, truncated."""
        with open(self.out_path, "rb") as f:
            f.seek(self._read_upto)
            data = f.read(MAX_OUTPUT + 1)
            self._read_upto = f.seek(0, os.SEEK_END)
        text = data.decode("utf-8", errors="replace")
        return text if len(text) <= MAX_OUTPUT else text[:MAX_OUTPUT] + "\n… (output truncated)"

