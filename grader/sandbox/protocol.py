"""The messages that cross the worker boundary, and how they travel.

Three channels, each one end of a Unix socket pair held by exactly two processes:

    judge -> template   `Policy` once, then one `Spawn` per worker, with the worker's file
                        descriptors attached; the template answers with the worker's pid
    judge -> worker     `Call` and `Probe` requests
    worker -> judge     READY, then `PROGRESS` events, `CALLED` (which of the learner's
                        functions a probe is calling now) and one REPLY per request

A frame is a kind (1 byte), a length (4 bytes) and a body. The reader checks the length
against the limit for that kind *before* reading the body, and reads against a deadline,
so a worker cannot make the judge wait, or allocate, more than the limits allow.

What the judge sends is pickled: the judge is trusted, and the worker and template read
only what the judge wrote. What a worker sends is never unpickled: it is plain data (see
`codec.py`), checked here into `Answer`, `Failure` or a progress event.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Any

from .codec import MAX_REPLY

__all__ = [
    "READY", "PROGRESS", "REPLY", "REQUEST", "POLICY", "SPAWN", "SPAWNED", "CALLED", "LIMITS", "MAX_PROGRESS",
    "MAX_CALLED", "MAX_SIBLINGS", "STACK_SIGNAL",
    "ProtocolError", "Policy", "Spawn", "Call", "Probe", "Answer", "Failure", "describe_call",
    "send_frame", "recv_frame", "recv_frame_with_fds", "send_pickled", "answer_of", "progress_of",
]

READY, PROGRESS, REPLY, REQUEST, POLICY, SPAWN, SPAWNED, CALLED = 1, 2, 3, 4, 5, 6, 7, 8
MAX_PROGRESS = 4096  # bytes of one progress event: an epoch, a batch, a loss
MAX_CALLED = 512  # bytes of a call's description, e.g. "train_mnist('./data')"
MAX_SIBLINGS = 512 * 1024  # bytes of the chapter's other kata files sent with a spawn (a SPAWN frame holds 1 MiB)
STACK_SIGNAL = signal.SIGUSR2  # the judge asks a worker that timed out where it is: it dumps its stack
LIMITS = {READY: 0, PROGRESS: MAX_PROGRESS, REPLY: MAX_REPLY, SPAWNED: 8, CALLED: MAX_CALLED}  # the judge's limits
_HEADER = struct.Struct("<BI")


class ProtocolError(Exception):
    """A frame or message that breaks the protocol (too long, unknown kind, malformed)."""


# -- messages from the judge ---------------------------------------------------------------
@dataclass(frozen=True)
class Policy:
    """What every worker of one template may do; the template is confined by it too."""

    confine: bool  #: Landlock and the network filter (off only with TORCHKATA_NO_CONFINE=1)
    scratch_root: str  #: the only folder the template and its workers may write
    readable: tuple[str, ...]  #: paths every worker may read inside the protected folders (Python, grader)
    protected: tuple[str, ...]  #: folders not to read: repository, home, temp, submissions
    data: tuple[str, ...]  #: the course's data folders: each worker is given those it may read
    preload: tuple[str, ...]  #: modules the template imports once for every worker
    sys_path: tuple[str, ...]  #: the judge's import path, so both import the same modules


@dataclass(frozen=True)
class Spawn:
    """Start one worker. Attached descriptors: the worker's end of its socket pair, its
    output file, its kata file (opened by the judge) and the pipe for its exit status."""

    filename: str  #: the kata file's path, as tracebacks show it
    scratch: str  #: the worker's own folder: its working directory, HOME and TMPDIR
    inbox: str  #: a folder the judge writes files in for the worker to read (never to write)
    data: tuple[str, ...]  #: the data folders this worker may read (a kata may see only a training split)
    lang: str  #: "en" or "zh", for messages written in the worker
    memory: int | None  #: bytes of heap (RLIMIT_DATA); None where CUDA may run
    file_size: int  #: bytes in any one file written (RLIMIT_FSIZE), its output included
    processes: int  #: processes and threads it may add
    siblings: tuple[tuple[str, bytes], ...] = ()  #: the chapter's other kata files (path, text), importable


@dataclass(frozen=True)
class Call:
    """`module.name(*args, **kwargs)` in the worker."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Probe:
    """`probe(module, *args, **kwargs)`, where `probe` is the function `name` defined by
    `source`: the probe and what it uses, cut out of its test file (see `probe.py`)."""

    name: str
    source: str
    filename: str  #: where the source came from, for tracebacks
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


# -- replies from the worker, checked ------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    """The request returned `value` (plain data)."""

    value: Any


@dataclass(frozen=True)
class Failure:
    """The request did not return a value."""

    kind: str  #: "not_started" (the stub), "skipped" (the kata tried to skip), "raised"
    type: str  #: the exception's type name
    message: str
    traceback: str  #: the learner's own frames


_FAILURE_KINDS = ("not_started", "skipped", "raised")


def answer_of(plain: Any) -> Answer | Failure:
    """The reply a worker sent, as decoded plain data, checked into a message."""
    if not isinstance(plain, dict) or not isinstance(plain.get("ok"), bool):
        raise ProtocolError("a reply must be a dict with a boolean 'ok'")
    if plain["ok"]:
        return Answer(plain.get("value"))
    fields = [plain.get(k) for k in ("kind", "type", "message", "traceback")]
    if fields[0] not in _FAILURE_KINDS or not all(isinstance(f, str) for f in fields):
        raise ProtocolError("a failure must name its kind, type, message and traceback as strings")
    return Failure(*map(str, fields))


def progress_of(plain: Any) -> dict[str, Any] | None:
    """A progress event (names to numbers or short strings), or None if it is not one."""
    if not isinstance(plain, dict) or len(plain) > 32:
        return None
    if not all(isinstance(k, str) and isinstance(v, (int, float, str, bool, type(None))) for k, v in plain.items()):
        return None
    return plain


# -- descriptions of calls, as a learner reads them -----------------------------------------
def _short(value: object, folders: dict[str, str]) -> str:
    t = type(value)
    if isinstance(value, (list, tuple)) and value:
        items = [_short(v, folders) for v in value[:3]] + (["..."] if len(value) > 3 else [])
        inner = ", ".join(items)
        return f"[{inner}]" if t is list else f"({inner})"
    if t.__name__ == "Tensor" or hasattr(value, "shape") and hasattr(value, "dtype"):
        shape = tuple(getattr(value, "shape", ()))
        return f"tensor(shape={shape}, dtype={str(getattr(value, 'dtype', '?')).replace('torch.', '')})"
    if isinstance(value, str):
        for folder, name in folders.items():  # the grader's folders say nothing to a learner
            if value.startswith(folder):
                value = name + value[len(folder):]
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a learner's object with a broken __repr__
        text = f"<{t.__name__}>"
    return text if len(text) <= 40 else text[:37] + "..."


def describe_call(name: str, args: tuple, kwargs: dict, folders: dict[str, str] | None = None) -> str:
    """`name(args)` as a learner reads it: tensors by shape and dtype, long values cut,
    the grader's own folders (`folders`: prefix -> short name) shortened."""
    folders = folders or {}
    parts = [_short(a, folders) for a in args] + [f"{k}={_short(v, folders)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


# -- frames --------------------------------------------------------------------------------
def send_frame(sock: socket.socket, kind: int, body: bytes = b"", fds: list[int] | None = None) -> None:
    """Send one frame (and file descriptors with its first byte)."""
    data = _HEADER.pack(kind, len(body)) + body
    if fds:
        sent = socket.send_fds(sock, [data], fds)
        data = data[sent:]
    sock.sendall(data)


def send_pickled(sock: socket.socket, kind: int, message: object, fds: list[int] | None = None) -> None:
    send_frame(sock, kind, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL), fds)


def _read(sock: socket.socket, n: int, deadline: float | None) -> bytearray:
    buffer = bytearray(n)
    view, got = memoryview(buffer), 0
    while got < n:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        count = sock.recv_into(view[got:], n - got)
        if count == 0:
            raise EOFError
        got += count
    return buffer


def recv_frame(sock: socket.socket, limits: dict[int, int], deadline: float | None = None,
               keep: bool = True) -> tuple[int, bytearray]:
    """Read one frame whose kind is in `limits` and whose length is within its limit.

    Raises TimeoutError past `deadline`, EOFError when the other end is gone, and
    ProtocolError for an unknown kind or a length over the limit (the body is not read).
    With `keep=False` the body is read and dropped (an empty body is returned)."""
    kind, length = _HEADER.unpack(_read(sock, _HEADER.size, deadline))
    if kind not in limits:
        raise ProtocolError(f"unexpected frame kind {kind}")
    if length > limits[kind]:
        raise ProtocolError(f"a frame of kind {kind} of {length} bytes, more than {limits[kind]}")
    if keep:
        return kind, _read(sock, length, deadline)
    while length:
        length -= len(_read(sock, min(length, 65536), deadline))
    return kind, bytearray()


def recv_frame_with_fds(sock: socket.socket, limit: int, max_fds: int) -> tuple[int, bytearray, list[int]]:
    """Read one frame (no deadline) and the file descriptors sent with it."""
    head, fds, _, _ = socket.recv_fds(sock, _HEADER.size, max_fds)
    if len(head) == 0:
        raise EOFError
    head += _read(sock, _HEADER.size - len(head), None)
    kind, length = _HEADER.unpack(head)
    if length > limit:
        for fd in fds:
            os.close(fd)
        left = length
        while left:  # read and drop the body, so that the next frame starts where it should
            left -= len(_read(sock, min(left, 65536), None))
        raise ProtocolError(f"a frame of {length} bytes, more than {limit}")
    return kind, _read(sock, length, None), fds
