"""The worker: the only process that imports and runs a learner's code.

It is forked from a template that has already imported torch (see `sandbox.py`), imports
one kata file, and answers requests from the judge until the judge kills it:

    ("call", name, args, kwargs)                     -> module.name(*args, **kwargs)
    ("probe", test_file, source, name, args, kwargs) -> test_module.name(module, *args, **kwargs)

(A probe's test file comes as source text: the worker cannot read tests/.)

Requests arrive pickled (the judge is trusted); replies leave through `codec.encode`
(the judge never unpickles them). A reply is a dict: {"ok": True, "value": ...} or
{"ok": False, "kind": "not_started" | "skipped" | "raised", "message": ...}. While a call runs, probes
may send {"progress": {...}} messages with `emit` (a training loop's epoch, batch, loss).
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import time
import traceback
from types import ModuleType
from typing import Any

import torch  # noqa: F401  (imported here so the template process preloads it)

from . import confine  # here, so that the template has it loaded for every worker
from .codec import MAX_REPLY, encode

__all__ = ["serve", "emit"]

READY = b"ready"
PROGRESS_INTERVAL = 0.1  # seconds between progress messages; more are dropped
_conn: Any = None
_last_emit = 0.0


def emit(**fields: Any) -> None:
    """Send a progress event (epoch, batch, loss, ...) to the judge while a call runs."""
    global _last_emit
    now = time.monotonic()
    if _conn is None or now - _last_emit < PROGRESS_INTERVAL and not fields.get("final"):
        return
    _last_emit = now
    _conn.send_bytes(encode({"progress": fields}))


def _die_with_the_judge() -> None:
    """Make sure this worker cannot outlive the grader, even one killed with kill -9.

    A forkserver child inherits a pipe that keeps the forkserver alive; closing it lets the
    forkserver exit when the judge dies, and PR_SET_PDEATHSIG then kills this worker.
    """
    if not sys.platform.startswith("linux"):
        return
    from multiprocessing import forkserver

    server: Any = forkserver._forkserver  # a private attribute: no public way to drop the pipe
    if getattr(server, "_forkserver_alive_fd", None) is not None:
        os.close(server._forkserver_alive_fd)
        server._forkserver_alive_fd = None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG = 1, SIGKILL = 9
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the template died before prctl took effect
        os._exit(1)


def _isolate(out_path: str, scratch: str) -> None:
    """Own process group, subreaper of everything it starts, no core dumps, output to a
    file, stdin closed, cwd in scratch."""
    _die_with_the_judge()
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans stay below this worker
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    sys.stdout.flush()
    sys.stderr.flush()
    out = os.open(out_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    os.close(null)
    os.chdir(scratch)


def _confine(scratch: str, policy: dict) -> None:
    """Allow-listed environment, resource limits, then Landlock and no network sockets
    (see `confine.py`)."""
    import tempfile

    env = confine.worker_env(dict(os.environ), scratch)
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = scratch  # the template may have cached /tmp, which is not writable
    sys.dont_write_bytecode = True
    confine.limit_resources(policy["memory"], policy["file_size"], policy["processes"])
    if policy["confine"]:
        confine.confine(scratch, policy["protected"], policy["readable"])
        confine.block_network()


def _from_source(path: str, source: str, name: str) -> ModuleType:
    module = ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module
    exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102 - the judge's own test file
    return module


def _load(path: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _trimmed_traceback(exc: BaseException, source: str) -> str:
    """The learner's own frames, plus the frame where the error was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    keep = [f for f in frames if f.filename == source]
    if frames and frames[-1] not in keep:
        keep.append(frames[-1])
    lines = []
    for f in keep:
        lines.append(f'  File "{os.path.basename(f.filename)}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
    return "\n".join(lines)


def _is_stub(exc: BaseException, source: str) -> bool:
    """A bare NotImplementedError raised in the learner's own file: the stub, untouched.
    (torch raises NotImplementedError too, e.g. for meta tensors: that is a real error.)"""
    if not isinstance(exc, NotImplementedError) or str(exc):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename == source


def _is_skip(exc: BaseException) -> bool:
    """unittest.SkipTest, pytest.skip / xfail / exit: a kata cannot skip its own grading."""
    import unittest

    outcomes = sys.modules.get("_pytest.outcomes")
    pytest_outcomes = (outcomes.OutcomeException, outcomes.Exit) if outcomes else ()
    return isinstance(exc, (unittest.SkipTest, *pytest_outcomes))


def _describe_error(exc: BaseException, source: str) -> dict:
    if _is_stub(exc, source):
        return {"ok": False, "kind": "not_started", "message": "still raises NotImplementedError"}
    if _is_skip(exc):
        return {"ok": False, "kind": "skipped", "type": type(exc).__name__,
                "message": _safe_str(exc)[:2000], "traceback": _trimmed_traceback(exc, source)}
    if isinstance(exc, SyntaxError) and exc.filename == source:
        where = f"{os.path.basename(source)}:{exc.lineno}"
        code = (exc.text or "").rstrip()
        return {
            "ok": False,
            "kind": "raised",
            "type": "SyntaxError",
            "message": f"{where}: {exc.msg}" + (f"\n    {code.strip()}" if code else ""),
            "traceback": "",
        }
    return {
        "ok": False,
        "kind": "raised",
        "type": type(exc).__name__,
        "message": _safe_str(exc)[:2000],
        "traceback": _trimmed_traceback(exc, source)[:4000],
    }


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        return "<message could not be shown>"


def _answer(request: tuple, source: str, state: dict[str, Any]) -> dict:
    if "module" not in state:
        state["module"] = _load(source, "kata_" + os.path.basename(source)[:-3])
    module = state["module"]
    if request[0] == "call":
        _, name, args, kwargs = request
        fn = getattr(module, name, None)
        if fn is None:
            raise AttributeError(f"{os.path.basename(source)} defines no {name!r}")
        return {"ok": True, "value": fn(*args, **kwargs)}
    _, test_file, test_source, name, args, kwargs = request
    probes = state.setdefault("probes", {})
    if test_file not in probes:
        probes[test_file] = _from_source(test_file, test_source, f"kata_probe_{len(probes)}")
    return {"ok": True, "value": getattr(probes[test_file], name)(module, *args, **kwargs)}


def serve(conn: Any, source: str, out_path: str, scratch: str, lang: str, policy: dict) -> None:
    """Answer the judge's requests for the kata file `source` until killed (or the pipe closes)."""
    global _conn
    from . import i18n

    i18n.current = lang  # so say() in probes speaks the learner's language
    _isolate(out_path, scratch)
    state: dict[str, Any] = {}
    try:
        _confine(scratch, policy)
    except OSError as e:  # fail closed: no kata code runs unconfined by accident
        state["import_error"] = {"ok": False, "kind": "raised", "type": "ConfinementError", "traceback": "",
                                 "message": f"the worker could not be confined ({e}); TORCHKATA_NO_CONFINE=1 "
                                            "grades without confinement (see SECURITY.md)"}
    _conn = conn
    conn.send_bytes(READY)
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except EOFError:
            return
        if "import_error" in state:
            reply = state["import_error"]
        else:
            try:
                reply = _answer(request, source, state)
            except BaseException as exc:  # noqa: BLE001 - SystemExit from a kata is an answer too
                reply = _describe_error(exc, source)
                if "module" not in state:
                    state["import_error"] = reply
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            payload = encode(reply)
            if len(payload) > MAX_REPLY:
                raise ValueError(f"it is {len(payload) // 2**20} MB, more than {MAX_REPLY // 2**20} MB")
        except BaseException as exc:  # noqa: BLE001
            payload = encode({"ok": False, "kind": "raised", "type": type(exc).__name__,
                              "message": f"the returned value could not be sent back: {_safe_str(exc)[:500]}",
                              "traceback": ""})
        conn.send_bytes(payload)
