"""The judge's side of the worker boundary.

`Sandbox` owns one template (see `prefork.py`) and the scratch root its workers write in.
`Worker` runs one kata file in a worker forked from it. Every call has a deadline that
holds whatever the worker sends: frames are bounded by kind before they are read, a flood
of progress events is read and dropped, and a reply that arrives after the deadline is a
timeout, never an answer. Past the deadline the worker and everything it started are
killed and the kata's later calls fail at once. A crash (segfault, `os._exit`, the
kernel's OOM killer) fails that call only; the next call gets a fresh worker.
"""

from __future__ import annotations

import os
import pickle
import secrets
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import i18n, paths
from ..errors import GradeError, KataBadValue, KataCrashed, KataNotStarted, KataRaised, KataTimeout
from ..explain import explain
from ..files import open_regular, read_regular
from ..terminal import printable
from . import confine, identity, stuck
from .codec import decode
from .prefork import SandboxError, Template
from .probe import probe_source
from .proctree import kill_tree
from .protocol import (
    CALLED,
    LIMITS,
    MAX_CALLED,
    MAX_SIBLINGS,
    PROGRESS,
    READY,
    REPLY,
    REQUEST,
    STACK_SIGNAL,
    Answer,
    Call,
    Policy,
    Probe,
    ProtocolError,
    Spawn,
    answer_of,
    describe_call,
    progress_of,
    recv_frame,
    send_pickled,
)
from .scratch import remove_tree, sweep_leftovers, temporary_folder

__all__ = ["Sandbox", "Worker", "SandboxError", "unconfined_reason", "preload_for", "MEMORY_LIMIT"]

PRELOAD = ("grader.sandbox.worker", "pytest", "numpy")  # imported once by the template
# Modules worth importing once in the template, when a kata's files mention the key:
# torchvision costs seconds to import; the first torch.optim optimizer imports torch._dynamo.
OPTIONAL_PRELOAD = {"torchvision": "torchvision", "optim": "torch._dynamo"}
STARTUP_DEADLINE = 120.0  # seconds for a fresh worker to say it is ready
MAX_OUTPUT = 8000  # characters of learner output kept per call
MAX_SOURCE = 1_000_000  # bytes of a kata file (as the worker reads it)
MAX_STACK_DUMP = 64 * 1024  # bytes of a timed-out worker's stack dump read
STACK_WAIT = 0.5  # seconds a timed-out worker gets to dump its stack
MEMORY_LIMIT = int(os.environ.get("TORCHKATA_MEMORY_LIMIT_MB") or 6144) * 2**20  # heap per worker
FILE_SIZE_LIMIT = 64 * 2**20  # bytes in any one file a worker writes, its output included
PROCESS_LIMIT = 256  # processes and threads a worker may add
PROGRESS_RATE, PROGRESS_BURST = 10.0, 20  # progress events the judge looks at: per second, at once; more are dropped
CONFINE = os.environ.get("TORCHKATA_NO_CONFINE", "") in ("", "0")  # the escape hatch, see SECURITY.md


def unconfined_reason() -> str | None:
    """Why workers run without the kernel's confinement here, or None when they have it."""
    if not CONFINE:
        return "TORCHKATA_NO_CONFINE is set"
    if confine.landlock_abi() == 0:
        return "this kernel has no Landlock (Linux 5.13 or newer has it)"
    return None


def preload_for(files: Sequence[Path]) -> tuple[str, ...]:
    """The optional modules that the given kata, solution or test files will need."""
    text = ""
    for path in files:
        try:
            text += read_regular(path, 1_000_000).decode("utf-8", errors="replace")
        except GradeError:  # missing, too big, or not a regular file (a FIFO would block)
            pass
    return tuple(module for key, module in OPTIONAL_PRELOAD.items() if key in text)


class Sandbox:
    """One template and the scratch root of its workers. `data`: the course's data folders,
    which a worker reads only when it is given them (`Worker(data=...)`, by default all);
    `protected`: folders workers may not read besides the repository, home and temp (the
    folder holding the submissions, a batch's output)."""

    def __init__(self, data: Sequence[str | Path] = (), protected: Sequence[str | Path] = (),
                 preload: Sequence[str] = (), start: bool = True, prefork: bool = sys.platform.startswith("linux")):
        sweep_leftovers()
        self._tmp = temporary_folder("sandbox")
        self.root = Path(self._tmp.name)
        if os.geteuid() == 0:
            os.chmod(self.root, 0o711)  # workers with uids of their own enter their folder, list nothing
        grader_dir = str(Path(__file__).resolve().parents[1])
        sys_path = _import_path()
        protected_dirs = {os.path.realpath(p) for p in (paths.ROOT, Path.home(), tempfile.gettempdir(), *protected)}
        wanted = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, grader_dir, *sys_path)}
        # A path that is a protected folder or holds one (the repository on sys.path) is not read.
        wanted = {p for p in wanted if not any(confine.within(q, p) for q in protected_dirs)}
        self.policy = Policy(confine=CONFINE, scratch_root=str(self.root), readable=tuple(sorted(wanted)),
                             protected=tuple(sorted(protected_dirs)), data=tuple(os.path.realpath(d) for d in data),
                             preload=(*PRELOAD, *preload), sys_path=sys_path)
        self.prefork = prefork  # fork workers from a template (Linux), else start each afresh
        self.template: Template | None = None
        if start:
            self._template()
        self._count = 0
        self._ending: list[int] = []  # status pipes of workers killed but maybe not yet reaped

    def new_scratch(self) -> Path:
        self._count += 1
        folder = self.root / f"w{self._count}"
        folder.mkdir(mode=0o700)
        return folder

    def _template(self) -> Template | None:
        """The template, started on first use (it imports torch: a second or two)."""
        if self.template is None and self.prefork:
            self.template = Template(self.policy, self.root / "template.log")
        return self.template

    def spawn(self, spawn: Spawn, fds: list[int]) -> int:
        template = self._template()
        if template is not None:
            return template.spawn(spawn, fds)
        return _spawn_directly(spawn, fds)

    def ended(self, status_fd: int) -> None:
        """A killed worker's status pipe: `settle` waits for it."""
        self._ending.append(status_fd)

    def settle(self, timeout: float = 3.0) -> None:
        """Wait until every killed worker is reaped and its /dev/shm files removed."""
        deadline = time.monotonic() + timeout
        while self._ending:
            fd = self._ending.pop()
            try:
                while select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0] and os.read(fd, 64):
                    pass
            except OSError:
                pass
            os.close(fd)

    def check(self) -> None:
        """Raise SandboxError now if workers cannot be started or confined here."""
        template = self._template()
        if template is not None:
            template.ready()

    def close(self) -> None:
        self.settle()
        if self.template is not None:
            self.template.close()
        self._tmp.cleanup()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _import_path() -> tuple[str, ...]:
    """The judge's sys.path without the entry Python adds for the main program (the current
    folder for `python -m` and `-c`, the script's folder otherwise): workers and the
    template import only from installed places, never from wherever `grade` was started."""
    entries = list(sys.path)
    script = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    if entries and entries[0] in ("", os.getcwd(), os.path.dirname(script)):
        entries = entries[1:]
    return tuple(p for p in entries if p and os.path.isdir(p))


def _spawn_directly(spawn: Spawn, fds: list[int]) -> int:
    """Elsewhere than Linux (torch and fork do not mix on macOS): a fresh interpreter per
    worker, and a thread that reports its exit code on the status pipe."""
    conn, out, source, status = fds
    status = os.dup(status)  # the caller closes its own, as after sending it to a template
    boot = ("import sys, pickle; sys.path.insert(0, sys.argv[1]); from grader.sandbox import worker; "
            "worker.start(pickle.loads(bytes.fromhex(sys.argv[2])), *map(int, sys.argv[3:6]), [], False)")
    proc = subprocess.Popen([sys.executable, "-I", "-c", boot, str(Path(__file__).resolve().parents[2]),
                             pickle.dumps(spawn).hex(), str(conn), str(out), str(source)],
                            pass_fds=[conn, out, source], env=confine.worker_env(dict(os.environ)))

    def report() -> None:
        code = proc.wait()
        try:
            os.write(status, struct.pack("<i", code))
        finally:
            os.close(status)

    threading.Thread(target=report, daemon=True).start()
    return proc.pid


def _t(message: str, **fields: object) -> str:
    return i18n.t(message, i18n.language(), **fields)


def _death(exitcode: int | None) -> str:
    """How the worker died, in the learner's language (the signal's name stays: it is what a
    search engine knows)."""
    if exitcode is None:
        return i18n.say("stopped answering", "不再响应")
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = {"SIGSEGV": ("segmentation fault", "段错误，访问了非法内存"),
               "SIGKILL": ("killed, maybe out of memory", "被强制结束，可能是内存不够"),
               "SIGABRT": ("aborted", "异常中止"), "SIGBUS": ("bus error", "总线错误"),
               "SIGXFSZ": ("wrote too much output", "写出的内容太多")}
        en, zh = why.get(name, ("killed by a signal", "被信号结束"))
        return i18n.say(f"crashed with {name} ({en})", f"因 {name} 崩溃（{zh}）")
    return i18n.say(f"exited with code {exitcode} (sys.exit or os._exit in the kata?)",
                    f"以退出码 {exitcode} 退出（练习代码里调用了 sys.exit 或 os._exit？）")


def _open_kata(path: Path) -> int:
    """The kata file, opened for the worker: a regular file, never a link, FIFO or device."""
    try:
        return open_regular(path)
    except GradeError as e:
        raise KataCrashed(str(e).replace(str(path), path.name)) from None


def _siblings_of(path: Path) -> tuple[tuple[str, bytes], ...]:
    """The chapter's other kata files next to `path` (`ex01_loaders.py`...), read here for
    the worker to import (it opens nothing of the submission): regular files only, at most
    MAX_SIBLINGS bytes in all; a file that cannot be read is left out (importing it fails
    in the worker as any missing module does)."""
    found, total = [], 0
    for other in sorted(path.parent.glob("ex[0-9][0-9]_*.py")):
        if other.name == path.name:
            continue
        try:
            text = read_regular(other, MAX_SOURCE)
        except GradeError:
            continue
        total += len(text)
        if total > MAX_SIBLINGS:
            break
        found.append((str(other), text))
    return tuple(found)


class Worker:
    """A worker process for one kata file, restarted after a crash or timeout."""

    def __init__(self, source: Path, timeout: float, sandbox: Sandbox, memory_limit: int | None = MEMORY_LIMIT,
                 data: Sequence[str] | None = None):
        self.source = Path(source).absolute()
        self.data = tuple(sandbox.policy.data if data is None else data)  # the data folders it may read
        self.timeout = timeout
        self.sandbox = sandbox
        self.memory_limit = memory_limit
        self.scratch = sandbox.new_scratch()
        self.inbox = Path(f"{self.scratch}.in")  # the judge's files for the worker: it reads, never writes
        self.inbox.mkdir(mode=0o755)
        self._output_fd = os.open(f"{self.scratch}.out", os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        self._read_upto = 0
        self._siblings = _siblings_of(self.source)  # the chapter's other kata files, importable in the worker
        self.pid: int | None = None
        self.conn: socket.socket | None = None
        self._status: int | None = None  # read end of the pipe the template reports the exit code on
        self.ready = False  # the worker said it is ready
        self.timed_out: str | None = None  # after one timeout, later calls fail at once
        self.on_progress: Callable[[dict], None] | None = None  # progress events of a call
        self.calling = ""  # the learner's call the current request is making, for messages

    # -- process lifecycle -------------------------------------------------------------
    def start(self) -> None:
        """Start the worker process, without waiting for it: the runner starts the next
        kata's worker while the current kata's tests run."""
        if self.pid is not None:
            return
        kata = _open_kata(self.source)
        judge_end, worker_end = socket.socketpair()
        status_r, status_w = os.pipe2(os.O_CLOEXEC)
        spawn = Spawn(filename=str(self.source), scratch=str(self.scratch), inbox=str(self.inbox), data=self.data,
                      lang=i18n.language(),
                      memory=self.memory_limit, file_size=FILE_SIZE_LIMIT, processes=PROCESS_LIMIT,
                      siblings=self._siblings)
        try:
            self.pid = self.sandbox.spawn(spawn, [worker_end.fileno(), self._output_fd, kata, status_w])
        except BaseException:
            judge_end.close()
            os.close(status_r)
            raise
        finally:
            worker_end.close()
            os.close(kata)
            os.close(status_w)
        self.conn, self._status, self.ready = judge_end, status_r, False

    def _exit_code(self, wait: float) -> int | None:
        """The worker's exit code, as the template reports it, waiting up to `wait` s."""
        if self._status is None or not select.select([self._status], [], [], wait)[0]:
            return None
        data = os.read(self._status, 4)
        return struct.unpack("<i", data)[0] if len(data) == 4 else None

    def _crashed(self, what: str) -> KataCrashed:
        code = self._exit_code(5.0)
        self.kill()
        return KataCrashed(_t("run_crashed", what=what, death=_death(code)))

    def kill(self) -> None:
        """Kill the worker and every process it started."""
        if self.pid is None:
            return
        own_uid = identity.UID_BASE + self.pid if CONFINE and os.geteuid() == 0 else None
        kill_tree(self.pid, own_uid)
        assert self.conn is not None and self._status is not None
        self.conn.close()
        self.sandbox.ended(self._status)
        self.pid = self.conn = self._status = None

    def close(self) -> None:
        """Stop the worker and every process it started, and remove its scratch folder.
        (Killed, not asked: a kata may have replaced the code that would answer.) Closing
        twice (an interrupted run tears down twice) does nothing more."""
        self.kill()
        if self._output_fd < 0:
            return
        os.close(self._output_fd)
        self._output_fd = -1
        remove_tree(self.scratch)
        remove_tree(self.inbox)
        Path(f"{self.scratch}.out").unlink(missing_ok=True)

    # -- requests ----------------------------------------------------------------------
    def _ready(self, what: str) -> socket.socket:
        """The connection to a started worker that has said it is ready."""
        self.start()
        assert self.conn is not None
        if not self.ready:
            try:
                recv_frame(self.conn, {READY: 0}, time.monotonic() + STARTUP_DEADLINE)
            except TimeoutError:
                self.kill()
                raise KataCrashed(f"the worker did not start within {STARTUP_DEADLINE:g} s") from None
            except (EOFError, OSError, ProtocolError):
                raise self._crashed(f"{what} (while starting)") from None
            self.ready = True
        return self.conn

    def fresh_folder(self) -> Path:
        """A new, empty folder in the worker's scratch folder, for files the worker writes and
        reads itself. Made without following anything the worker may have put there, and
        given to the worker's uid; the judge never writes or reads in it."""
        self._ready("preparing a folder for the kata")
        name = f"tmp-{secrets.token_hex(8)}"
        scratch = os.open(self.scratch, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            os.mkdir(name, 0o700, dir_fd=scratch)
            owner = os.fstat(scratch)
            os.chown(name, owner.st_uid, owner.st_gid, dir_fd=scratch, follow_symlinks=False)
        finally:
            os.close(scratch)
        return self.scratch / name

    def inbox_folder(self, name: str) -> Path:
        """A new folder in the worker's inbox, for files the judge writes for the worker to
        read: the worker cannot change anything in it."""
        folder = self.inbox / name
        folder.mkdir(mode=0o755)
        return folder

    def _request(self, message: Call | Probe, what: str) -> object:
        """Send one request and wait for its answer. `what` names the call in messages; for a
        probe it becomes the learner's own call the probe is making (CALLED frames)."""
        if self.timed_out:
            raise KataTimeout(_t("run_skipped_after_timeout", what=what, first=self.timed_out))
        conn = self._ready(what)
        self.calling = what
        deadline = time.monotonic() + self.timeout
        try:
            conn.settimeout(self.timeout)  # a worker that stops reading cannot hold the judge
            send_pickled(conn, REQUEST, message)
        except TimeoutError:
            raise self._timed_out() from None
        except OSError:
            pass  # the worker is gone; receiving below reports how it died
        return self._unwrap(self._receive(deadline))

    def _timed_out(self) -> KataTimeout:
        printed = os.fstat(self._output_fd).st_size
        where = self._stuck_at(printed)
        self.kill()
        os.ftruncate(self._output_fd, printed)  # the stack dump is not something the learner printed
        self.timed_out = self.calling
        message = _t("run_timeout", what=self.calling, seconds=f"{self.timeout:g}")
        return KataTimeout(message + (f"\n{where}" if where else ""))

    def _stuck_at(self, start: int) -> str:
        """Where the learner's code was (see stuck.py): on STACK_SIGNAL the worker dumps its
        stack into its output, from byte `start` on."""
        if self.pid is None:
            return ""
        try:
            os.kill(self.pid, STACK_SIGNAL)
        except OSError:
            return ""
        dump, deadline = b"", time.monotonic() + STACK_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.02)
            with open(f"{self.scratch}.out", "rb") as f:
                f.seek(start)
                now = f.read(MAX_STACK_DUMP)
            if now and now == dump:
                break  # written in one go by faulthandler: it no longer grows
            dump = now
        return stuck.where(dump.decode("utf-8", errors="replace"), self._sources(), i18n.language())

    def _sources(self) -> dict[str, str]:
        """The text of the learner's kata file and of the files it may import, by the names
        the worker compiled them under."""
        files = {str(self.source): self._read_text(self.source)}
        files.update((name, text.decode("utf-8", errors="replace")) for name, text in self._siblings)
        return files

    @staticmethod
    def _read_text(path: Path) -> str:
        try:
            return read_regular(path, MAX_SOURCE).decode("utf-8", errors="replace")
        except GradeError:
            return ""

    def _receive(self, deadline: float) -> Answer | Any:
        """The reply to the request just sent. On the way: progress events go to
        `on_progress`, at most PROGRESS_BURST at once and PROGRESS_RATE a second; CALLED
        frames say which of the learner's functions a probe is calling."""
        assert self.conn is not None
        tokens, refilled = float(PROGRESS_BURST), time.monotonic()
        limits = {PROGRESS: LIMITS[PROGRESS], CALLED: LIMITS[CALLED], REPLY: LIMITS[REPLY]}
        while True:
            try:
                kind, body = recv_frame(self.conn, limits, deadline)
            except TimeoutError:
                raise self._timed_out() from None
            except (EOFError, ConnectionError):
                raise self._crashed(self.calling) from None
            except ProtocolError as e:
                self.kill()
                raise KataBadValue(f"{self.calling} sent back something the grader does not accept ({e})") from None
            if time.monotonic() > deadline:  # it came, but too late to count
                raise self._timed_out()
            if kind == REPLY:
                try:
                    return answer_of(decode(body))
                except (ValueError, ProtocolError) as e:
                    self.kill()
                    raise KataBadValue(f"{self.calling} sent back something that is not plain data: {e}") from None
            if kind == CALLED:
                self.calling = printable(body.decode("utf-8", errors="replace"))[:MAX_CALLED]
                continue
            now = time.monotonic()
            tokens, refilled = min(PROGRESS_BURST, tokens + (now - refilled) * PROGRESS_RATE), now
            if self.on_progress is not None and tokens >= 1:
                tokens -= 1
                try:
                    event = progress_of(decode(body))
                except ValueError:
                    event = None
                if event is not None:
                    self.on_progress(event)

    def _unwrap(self, reply: Any) -> object:
        what = self.calling
        if isinstance(reply, Answer):
            return reply.value
        if reply.kind == "not_started":
            raise KataNotStarted(_t("run_not_started", what=what))
        error = f"{reply.type}: {reply.message}"
        if reply.kind == "skipped":
            raise KataRaised(_t("run_skipped_by_submission", what=what, error=error))
        message = _t("run_raised", what=what, error=error)
        explanation = explain(error, i18n.language())  # torch's words, said plainly, under them
        if explanation:
            message += "\n" + _t("run_explained", explanation=explanation)
        raise KataRaised(message + (f"\n{reply.traceback}" if reply.traceback else ""))

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """`module.name(*args, **kwargs)` in the worker; the value comes back as plain data."""
        return self._request(Call(name, args, kwargs), describe_call(name, args, kwargs, self._folders()))

    def probe(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """`fn(module, *args, **kwargs)` in the worker, where `fn` is a top-level function of a
        test file: only it and what it uses cross to the worker (see `probe.py`). Messages name
        the learner's own call that the probe was making, never the probe."""
        filename, source = probe_source(fn)
        return self._request(Probe(fn.__name__, source, filename, args, kwargs), _t("run_your_code"))

    def _folders(self) -> dict[str, str]:
        """The grader's folders a learner's call may be given, and how messages show them."""
        return {str(self.scratch): ".", str(self.inbox): "inbox"}

    def take_output(self) -> str:
        """What the learner's code printed since the last call, truncated."""
        with open(f"{self.scratch}.out", "rb") as f:
            f.seek(self._read_upto)
            data = f.read(MAX_OUTPUT * 4 + 1)
            self._read_upto = f.seek(0, os.SEEK_END)
        text = data.decode("utf-8", errors="replace")
        return text if len(text) <= MAX_OUTPUT else text[:MAX_OUTPUT] + "\n… (output truncated)"
