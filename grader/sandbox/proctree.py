"""Killing a worker with everything it started.

A worker is a subreaper (PR_SET_CHILD_SUBREAPER): a process it started stays below it even
when its own parent dies or it leaves the worker's session, so while the worker lives,
walking /proc from it finds them all (the system-call filter refuses CLONE_PARENT, the one
way to start a process elsewhere). `kill_tree` stops the worker first (it can start nothing
new), kills everything below it until nothing is left, then kills the worker. A worker with
a uid of its own (under a root judge) has every process of that uid killed too, wherever it
is in the tree.
"""

from __future__ import annotations

import os
import signal

__all__ = ["descendants", "kill_tree"]


def descendants(pid: int, uid: int | None = None) -> list[int]:
    """Every live process below `pid`, and with `uid` every live process of that user
    (Linux: read from /proc; elsewhere none are known)."""
    children: dict[int, list[int]] = {}
    owned: list[int] = []
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
            if uid is not None and int(entry) != pid and _owner(entry) == uid:
                owned.append(int(entry))
    found, todo = list(owned), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _owner(entry: str) -> int | None:
    try:
        return os.stat(f"/proc/{entry}").st_uid
    except OSError:
        return None


def _signal(target: int, sig: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(target, sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_tree(pid: int, uid: int | None = None) -> None:
    """SIGKILL the worker `pid`, every process below it and, given its own `uid`, every
    process of that user."""
    _signal(pid, signal.SIGSTOP)
    for _ in range(100):
        below = descendants(pid, uid)
        if not below:
            break
        for child in below:
            _signal(child, signal.SIGKILL)
    _signal(pid, signal.SIGKILL, group=True)
    _signal(pid, signal.SIGKILL)
