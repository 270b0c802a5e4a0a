"""The worker: the only process that runs a learner's code.

Forked by the template (see `prefork.py`) for one kata file, `start` gives up everything
the worker does not need before the kata's first line runs:

1. its own session (no terminal, no signals from the learner's keyboard) and process
   group, and it becomes the subreaper of whatever it starts (see `proctree.py`);
2. every file descriptor but its connection to the judge and its output file: nothing
   leads back to the template, the judge or another worker. Its kata file comes as one more
   descriptor, read once and closed; the worker never opens anything of the submission;
3. under a root judge, its own unprivileged uid, without capabilities (`identity.py`);
4. death with the template (PR_SET_PDEATHSIG), an allow-listed environment, its scratch
   folder as working directory, HOME and TMPDIR, limits on memory, file size and processes;
   besides its scratch folder it may read its inbox, where the judge puts files for it, and
   the data folders it is given (a capstone's worker sees only the training split);
5. Landlock and the network filter (`confine.py`).

If any of that fails, the worker answers every request with a ConfinementError: no kata
code runs unconfined by accident. Then it answers the judge's `Call` and `Probe` requests
(see `protocol.py`) until it is killed. While a call runs, `emit` sends progress events.
"""

from __future__ import annotations

import faulthandler
import functools
import importlib.abc
import importlib.machinery
import importlib.util
import linecache
import os
import pickle
import signal
import socket
import sys
import time
import traceback
from types import FunctionType, ModuleType
from typing import Any, NoReturn

import torch  # noqa: F401  (imported here, so that the template preloads it)

from . import confine, identity
from .codec import MAX_REPLY, encode
from .protocol import (
    CALLED,
    MAX_CALLED,
    PROGRESS,
    READY,
    REPLY,
    REQUEST,
    STACK_SIGNAL,
    Call,
    Failure,
    Probe,
    Spawn,
    describe_call,
    recv_frame,
    send_frame,
)

__all__ = ["start", "emit"]

LINUX = sys.platform.startswith("linux")
MAX_SOURCE = 1_000_000  # bytes of a kata file
PROGRESS_INTERVAL = 0.1  # seconds between progress events; more are dropped
_channel: dict[str, Any] = {}  # this worker's connection, for `emit` (a worker is one process)


def emit(**fields: Any) -> None:
    """Send a progress event (epoch, batch, loss, ...) to the judge while a call runs."""
    conn, now = _channel.get("conn"), time.monotonic()
    if conn is None or os.getpid() != _channel["pid"]:  # not a worker, or a process it started
        return
    if now - _channel["last"] < PROGRESS_INTERVAL and not fields.get("final"):
        return
    event = {k: v for k, v in fields.items() if isinstance(v, (int, float, str, bool)) and len(str(v)) < 200}
    body = encode(event)
    if len(body) <= 4096:
        _channel["last"] = now
        send_frame(conn, PROGRESS, body)


# -- giving things up ----------------------------------------------------------------------
def _detach(conn_fd: int, out_fd: int, source_fd: int) -> bytes:
    """Steps 1 and 2: own session, subreaper, only the connection and the output left."""
    import ctypes

    os.setsid()
    if LINUX:
        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
    with os.fdopen(source_fd, "rb") as f:
        source = f.read(MAX_SOURCE + 1)
    null = os.open(os.devnull, os.O_RDWR)
    for target, fd in ((0, null), (1, out_fd), (2, out_fd)):
        os.dup2(fd, target)
    keep = conn_fd  # > 2: the template's own 0, 1 and 2 are open
    os.closerange(3, keep)
    os.closerange(keep + 1, 1 << 20)
    _channel["fd"] = keep
    return source


def _confine(spawn: Spawn, template_pid: int, rules: list[tuple[str, int]], confined: bool) -> None:
    """Steps 3 to 5."""
    import ctypes
    import tempfile

    root = os.geteuid() == 0 and confined
    if root:
        identity.become_unprivileged(spawn.scratch)
    if LINUX:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG, after any change of uid (which clears it)
    if os.getppid() != template_pid:
        os._exit(1)  # the template died before this took effect
    os.chdir(spawn.scratch)
    env = confine.worker_env(dict(os.environ), spawn.scratch)
    if root:  # a uid of its own has no name: say one, for getpass.getuser() and friends
        env["USER"] = env["LOGNAME"] = "kata"
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = spawn.scratch
    sys.dont_write_bytecode = True
    confine.limit_resources(spawn.memory, spawn.file_size, spawn.processes, own_uid=root)
    if confined:
        if confine.landlock_abi():
            own = [(spawn.scratch, confine.ALL), (spawn.inbox, confine.READ), *((d, confine.READ) for d in spawn.data)]
            confine.restrict(rules + own, network=False)
        confine.filter_system_calls()


def start(spawn: Spawn, conn_fd: int, out_fd: int, source_fd: int, rules: list[tuple[str, int]],
          confined: bool) -> NoReturn:
    """The worker's life, from the template's fork to its death (it never returns)."""
    template_pid = os.getppid()
    try:
        source = _detach(conn_fd, out_fd, source_fd)
        problem = None
        try:
            _confine(spawn, template_pid, rules, confined)
        except OSError as e:  # fail closed
            problem = Failure("raised", "ConfinementError", f"the worker could not be confined ({e}); "
                              "TORCHKATA_NO_CONFINE=1 grades without confinement (see SECURITY.md)", "")
        _serve(socket.socket(fileno=_channel["fd"]), spawn, source, problem)
    finally:
        os._exit(0)


# -- answering -----------------------------------------------------------------------------
def _compile(source: bytes | str, filename: str, name: str) -> ModuleType:
    """A module from source text; its lines go to linecache, so tracebacks show them."""
    module = ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    _execute(source, filename, module)
    return module


def _execute(source: bytes | str, filename: str, module: ModuleType) -> None:
    from importlib.util import decode_source

    text = decode_source(source) if isinstance(source, bytes) else source
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    exec(compile(text, filename, "exec", dont_inherit=True), module.__dict__)  # noqa: S102


class _Siblings(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """The chapter's other kata files of the learner, importable by their module name (the
    capstone's `from ex01_loaders import make_loaders`). The judge sent their text with the
    spawn: the worker still opens nothing of the submission, and they run as confined as
    the kata itself, since they are the same learner's code."""

    def __init__(self, siblings: tuple[tuple[str, bytes], ...]):
        self.files = {os.path.basename(name).removesuffix(".py"): (name, source) for name, source in siblings}

    def find_spec(self, name: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if path is not None or name not in self.files:
            return None
        return importlib.util.spec_from_loader(name, self, origin=self.files[name][0])

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: ModuleType) -> None:
        filename, source = self.files[module.__name__]
        module.__file__ = filename
        _execute(source, filename, module)


def _trimmed_traceback(exc: BaseException, own: set[str]) -> str:
    """The learner's own frames (`own`: their kata file and the chapter's other kata files it
    imports): where in their code it went wrong. torch's and the grader's frames say nothing
    a learner can act on."""
    keep = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in own]
    lines = []
    for f in keep:
        lines.append(f'  File "{os.path.basename(f.filename)}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
    return "\n".join(lines)


def _is_stub(exc: BaseException, filename: str) -> bool:
    """A bare NotImplementedError raised in the learner's own file: the stub, untouched.
    (torch raises NotImplementedError too, e.g. for meta tensors: that is a real error.)"""
    if not isinstance(exc, NotImplementedError) or str(exc):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename == filename


def _is_skip(exc: BaseException) -> bool:
    """unittest.SkipTest, pytest.skip / xfail / exit: a kata cannot skip its own grading."""
    import unittest

    outcomes = sys.modules.get("_pytest.outcomes")
    pytest_outcomes = (outcomes.OutcomeException, outcomes.Exit) if outcomes else ()
    return isinstance(exc, (unittest.SkipTest, *pytest_outcomes))


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        return "<message could not be shown>"


def _describe_error(exc: BaseException, filename: str, own: set[str]) -> Failure:
    if _is_stub(exc, filename):
        return Failure("not_started", "NotImplementedError", "still raises NotImplementedError", "")
    if isinstance(exc, SyntaxError) and exc.filename in own:
        code = (exc.text or "").strip()
        message = f"{os.path.basename(exc.filename)}:{exc.lineno}: {exc.msg}" + (f"\n    {code}" if code else "")
        return Failure("raised", "SyntaxError", message, "")
    kind = "skipped" if _is_skip(exc) else "raised"
    return Failure(kind, type(exc).__name__, _safe_str(exc)[:2000], _trimmed_traceback(exc, own)[:4000])


def _answer(request: Call | Probe, state: dict[str, Any]) -> Any:
    module = state["module"]
    if isinstance(request, Call):
        fn = getattr(module, request.name, None)
        if fn is None:
            raise AttributeError(f"{os.path.basename(module.__file__ or '')} defines no {request.name!r}")
        return fn(*request.args, **request.kwargs)
    probes = state.setdefault("probes", {})
    key = (request.filename, request.source)
    if key not in probes:
        probes[key] = _compile(request.source, request.filename, f"kata_probe_{len(probes)}")
    with _announcing_calls(module, state["folders"]):
        return getattr(probes[key], request.name)(module, *request.args, **request.kwargs)


class _announcing_calls:
    """While a probe runs, each outermost call into one of the learner's functions is sent to
    the judge (a CALLED frame: "train_mnist('./data')"), so that a failure, a timeout or a
    crash names the learner's own call rather than the probe."""

    def __init__(self, module: ModuleType, folders: dict[str, str]):
        self.module, self.folders, self.depth = module, folders, 0
        self.saved = {name: fn for name, fn in vars(module).items()
                      if isinstance(fn, FunctionType) and fn.__module__ == module.__name__}

    def __enter__(self) -> None:
        for name, fn in self.saved.items():
            setattr(self.module, name, self._wrap(name, fn))

    def __exit__(self, *_: object) -> None:
        for name, fn in self.saved.items():
            if isinstance(getattr(self.module, name, None), FunctionType):
                setattr(self.module, name, fn)

    def _wrap(self, name: str, fn: FunctionType) -> Any:
        @functools.wraps(fn)
        def announced(*args: Any, **kwargs: Any) -> Any:
            if self.depth == 0 and _channel.get("pid") == os.getpid():
                text = describe_call(name, args, kwargs, self.folders)
                send_frame(_channel["conn"], CALLED, text.encode()[:MAX_CALLED])
            self.depth += 1
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth -= 1

        return announced


def _reply(value: Any, failure: Failure | None) -> bytes:
    """The encoded reply; a value that cannot be sent becomes a failure saying why."""
    try:
        payload = encode({"ok": False, **vars(failure)} if failure else {"ok": True, "value": value})
        if len(payload) > MAX_REPLY:
            raise ValueError(f"it is {len(payload) // 2**20} MB, more than {MAX_REPLY // 2**20} MB")
        return payload
    except BaseException as exc:  # noqa: BLE001
        return encode({"ok": False, "kind": "raised", "type": type(exc).__name__, "traceback": "",
                       "message": f"the returned value could not be sent back: {_safe_str(exc)[:500]}"})


def _serve(conn: socket.socket, spawn: Spawn, source: bytes, problem: Failure | None) -> None:
    """Answer the judge's requests until it closes the connection (or kills this process)."""
    from .. import i18n

    i18n.set_language(spawn.lang)  # so say() in probes speaks the learner's language
    sys.meta_path.insert(0, _Siblings(spawn.siblings))
    own = {spawn.filename, *(name for name, _ in spawn.siblings)}
    try:  # on STACK_SIGNAL, the stack goes to the output: the judge's timeout message names the line
        faulthandler.register(STACK_SIGNAL, file=2, all_threads=True, chain=False)
    except (OSError, RuntimeError, ValueError):
        pass  # no line in a timeout message, nothing worse
    _channel.update(conn=conn, pid=os.getpid(), last=0.0)
    send_frame(conn, READY)
    state: dict[str, Any] = {"folders": {spawn.scratch: ".", spawn.inbox: "inbox"}}
    while True:
        try:
            _, body = recv_frame(conn, {REQUEST: 1 << 30})
        except EOFError:
            return
        request = pickle.loads(body)
        value, failure = None, problem
        if failure is None:
            try:
                if "module" not in state:
                    name = "kata_" + os.path.basename(spawn.filename).removesuffix(".py")
                    if len(source) > MAX_SOURCE:
                        raise ValueError(f"the kata file is larger than {MAX_SOURCE:,} bytes")
                    state["module"] = _compile(source, spawn.filename, name)
                value = _answer(request, state)
            except BaseException as exc:  # noqa: BLE001 - SystemExit from a kata is an answer too
                failure = _describe_error(exc, spawn.filename, own)
                if "module" not in state:
                    problem = failure  # the kata did not import: every request fails the same way
        sys.stdout.flush()
        sys.stderr.flush()
        send_frame(conn, REPLY, _reply(value, failure))
