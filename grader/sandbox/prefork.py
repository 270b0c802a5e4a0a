"""The template: one process per judge that imports torch once and forks the workers.

Only the judge can obtain a process from it. The judge starts it with one end of a Unix
socket pair (no address, no name, nothing to connect to) and keeps the other end; the
template hands every worker its own descriptors and closes its own in the worker before
anything else runs there, so no worker holds a way back. The template trusts only what
comes over that socket; a message it cannot use is answered with "no worker" and
forgotten, and it exits when the judge's end closes or the judge dies.

The template is confined like its workers, before it imports anything a worker will use:
a mount namespace with its own /dev/shm (and, under root, a view where unprivileged
workers reach Python; see `identity.py`), then Landlock (it reads no solutions, tests or
submissions and writes only in the scratch root) and the network filter (`confine.py`).

    judge                            template                       worker
    Template(policy)  --- POLICY --> isolate, confine, import torch
                      <-- READY ---  (its report: /dev/shm, error)
    spawn(Spawn, fds) --- SPAWN ---> fork ------------------------> worker.start(...)
                      <-- SPAWNED -- pid
                                     reaps it, clears its /dev/shm, writes its exit code
                                     to the status pipe the judge gave with the SPAWN
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import GradeError
from . import confine, identity
from .protocol import (
    POLICY,
    READY,
    SPAWN,
    SPAWNED,
    Policy,
    ProtocolError,
    Spawn,
    recv_frame,
    recv_frame_with_fds,
    send_frame,
    send_pickled,
)

__all__ = ["Template", "SandboxError", "serve", "BOOT"]

STARTUP_DEADLINE = 120.0  # seconds for the template to import torch and say it is ready
SPAWN_DEADLINE = 30.0  # seconds for it to answer a spawn
_STATUS = struct.Struct("<i")
# The template runs isolated from the environment's Python settings and the current folder
# (-I): it imports the grader from where the judge found it, then takes the judge's sys.path.
BOOT = "import sys; sys.path.insert(0, sys.argv[2]); from grader.sandbox.prefork import serve; serve(int(sys.argv[1]))"


class SandboxError(GradeError):
    """Workers cannot be started or confined here: a configuration problem (exit 2)."""


class Template:
    """The judge's handle on its template process."""

    def __init__(self, policy: Policy, log: Path):
        self.policy = policy
        judge_end, template_end = socket.socketpair()
        grader_parent = str(Path(__file__).resolve().parents[2])
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", BOOT, str(template_end.fileno()), grader_parent],
                pass_fds=[template_end.fileno()], stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                env=confine.worker_env(dict(os.environ)), cwd=policy.scratch_root,
                start_new_session=True)  # a terminal's Ctrl-C is for the judge to handle
        template_end.close()
        self.log = log
        self.sock = judge_end
        self.report: dict[str, str] | None = None
        send_pickled(judge_end, POLICY, policy)

    def ready(self) -> dict[str, str]:
        """Wait until the template has imported torch; its report: {"shm": why /dev/shm is
        shared, or ""}. Raises SandboxError if it failed."""
        if self.report is None:
            try:
                _, body = recv_frame(self.sock, {READY: 65536}, time.monotonic() + STARTUP_DEADLINE)
                self.report = json.loads(body)
            except (OSError, EOFError, ProtocolError, ValueError) as e:
                why = f"the worker template did not start ({type(e).__name__})"
                raise SandboxError(why + self._log_tail()) from None
        if self.report.get("error"):
            raise SandboxError(self.report["error"])
        return self.report

    def _log_tail(self) -> str:
        try:
            tail = self.log.read_text(encoding="utf-8", errors="replace")[-2000:].strip()
        except OSError:
            return ""
        return f":\n{tail}" if tail else ""

    def spawn(self, spawn: Spawn, fds: list[int]) -> int:
        """Fork a worker with these descriptors (connection, output, kata file, status pipe);
        returns its pid."""
        self.ready()
        try:
            send_pickled(self.sock, SPAWN, spawn, fds)
            _, body = recv_frame(self.sock, {SPAWNED: 8}, time.monotonic() + SPAWN_DEADLINE)
        except (OSError, EOFError, ProtocolError) as e:
            why = f"the worker template stopped answering ({type(e).__name__})"
            raise SandboxError(why + self._log_tail()) from None
        (pid,) = struct.unpack("<q", body)
        if pid <= 0:
            raise SandboxError(f"the worker template could not start a worker{self._log_tail()}")
        return pid

    def close(self) -> None:
        """Kill the template. It never ran a torch op and holds nothing worth a clean exit
        (its teardown would cost half a second of CPU); its workers die with it."""
        self.proc.kill()
        self.proc.wait()
        self.sock.close()


# -- the template process ------------------------------------------------------------------
def _die_with_parent() -> None:
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(1)


def _isolate(policy: Policy) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """Confine the template; the Landlock rules its workers start from, and its report."""
    import ctypes

    report = {"shm": "", "error": ""}
    if not policy.confine:
        return [], report
    try:
        report["shm"] = identity.isolate_template(policy.readable + policy.data, reach=(policy.scratch_root,),
                                                  hidden=policy.protected)
        # not dumpable: no ptrace, /proc/PID/mem or pidfd_getfd, even by this user (after the
        # user namespace is made: this also takes /proc/self/uid_map away from it)
        ctypes.CDLL(None).prctl(4, 0)  # PR_SET_DUMPABLE
        # the data folders are granted worker by worker: none is in the rules they start from
        base = confine.landlock_rules(policy.protected + policy.data, policy.readable, writable=())
        if confine.landlock_abi():
            own = [(policy.scratch_root, confine.ALL), *((folder, confine.READ) for folder in policy.data)]
            confine.restrict(base + own, network=False)
        confine.filter_system_calls()
    except OSError as e:
        report["error"] = f"the worker template could not be confined: {e.strerror or e}"
        return [], report
    return base, report


def serve(fd: int) -> None:
    """The template's main loop (see the module docstring)."""
    _die_with_parent()
    sock = socket.socket(fileno=fd)
    _, body = recv_frame(sock, {POLICY: 1 << 20})
    policy: Policy = pickle.loads(body)
    sys.path[:] = list(policy.sys_path)
    sys.dont_write_bytecode = True
    rules, report = _isolate(policy)
    for module in policy.preload:
        try:
            __import__(module)
        except Exception as e:  # noqa: BLE001 - a worker importing it will say why
            print(f"template: preloading {module} failed: {e!r}", file=sys.stderr)
    gc.freeze()  # the first full collection in each worker would otherwise walk all of torch
    send_frame(sock, READY, json.dumps(report).encode())
    if report["error"]:
        while sock.recv(65536):  # nothing to spawn: wait for the judge to close
            pass
        os._exit(0)
    _loop(sock, policy, rules, clear_shm=policy.confine and (os.geteuid() == 0 or not report["shm"]))


def _loop(sock: socket.socket, policy: Policy, rules: list[tuple[str, int]], clear_shm: bool) -> None:
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: dict[int, tuple[int, int | None]] = {}  # pid -> (status pipe, its uid if it has its own)
    while True:
        readable, _, _ = select.select([sock.fileno(), wake_r], [], [])
        if wake_r in readable:
            while True:
                try:
                    if not os.read(wake_r, 512):
                        break
                except BlockingIOError:
                    break
            _reap(children, clear_shm)
        if sock.fileno() in readable:
            try:
                kind, body, fds = recv_frame_with_fds(sock, 1 << 20, 8)
                pid = _spawn(sock, kind, body, fds, rules, policy.confine)
            except (EOFError, ConnectionError):
                os._exit(0)  # the judge is gone; the workers die with this process
            except Exception as e:  # noqa: BLE001 - a confused message must not end the template
                print(f"template: message not used: {e!r}", file=sys.stderr)
                pid = -1
            if pid > 0:
                children[pid] = (fds[3], identity.UID_BASE + pid if policy.confine and os.geteuid() == 0 else None)
            send_frame(sock, SPAWNED, struct.pack("<q", pid))  # one answer for every message


def _spawn(sock: socket.socket, kind: int, body: bytearray, fds: list[int], rules: list[tuple[str, int]],
           confined: bool) -> int:
    """Fork one worker; its pid, or -1 (the descriptors closed) for a message not understood
    or a fork that failed."""
    try:
        spawn = pickle.loads(body) if kind == SPAWN and len(fds) == 4 else None
        if not isinstance(spawn, Spawn):
            raise ProtocolError(f"not a spawn: kind {kind}, {len(fds)} descriptors")
        pid = os.fork()
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    conn, out, source, status = fds
    if pid == 0:  # the worker: forget the template before anything else
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        sock.detach()
        from . import worker

        worker.start(spawn, conn, out, source, rules, confined)  # never returns
    for fd in (conn, out, source):
        os.close(fd)
    return pid


def _reap(children: dict[int, tuple[int, Any]], clear_shm: bool) -> None:
    """Collect finished workers: clear what they left in /dev/shm, then tell the judge."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        status_fd, uid = children.pop(pid, (-1, None))
        if clear_shm:
            identity.clear_shm(uid)
        if status_fd >= 0:
            try:
                os.write(status_fd, _STATUS.pack(os.waitstatus_to_exitcode(status)))
            except OSError:
                pass  # the judge no longer listens
            os.close(status_fd)
