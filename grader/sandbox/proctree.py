"""Killing a worker with everything it started.

A worker is a subreaper (PR_SET_CHILD_SUBREAPER): a process it started stays below it even
when its own parent dies or it leaves the worker's session, so while the worker lives,
walking /proc from it finds them all. `kill_tree` stops the worker first (it can start
nothing new), kills everything below it until nothing is left, then kills the worker.
"""

from __future__ import annotations

import os
import signal

__all__ = ["descendants", "kill_tree"]


def descendants(pid: int) -> list[int]:
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


def _signal(target: int, sig: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(target, sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_tree(pid: int) -> None:
    """SIGKILL the worker `pid` and every process below it."""
    _signal(pid, signal.SIGSTOP)
    for _ in range(100):
        below = descendants(pid)
        if not below:
            break
        for child in below:
            _signal(child, signal.SIGKILL)
    _signal(pid, signal.SIGKILL, group=True)
    _signal(pid, signal.SIGKILL)
