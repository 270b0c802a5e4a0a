"""What `grade watch` listens to: saves of the kata files and the learner's keys.

Each source runs in a thread of its own and puts events on one queue, which the watch loop
(`watch.py`) reads in the main thread, where grading runs:

    ("saved", {path, ...})   kata files written (resolved paths)
    ("key", "q")             a key pressed (lower case); "q" too when the input ends
    ("notice", text)         something the learner should know (file events unavailable)

Saves come from the file system's events (watchfiles). Where none are delivered (WSL on a
Windows drive, a network folder), `poll_saves` looks at the kata files instead, every half
second: their mtime and size, and the current kata file's sha256, so a save is seen even
where the clock of the file system is coarse.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .files import sha256_of
from .i18n import t

__all__ = ["POLL_EVERY", "cbreak", "poll_saves", "read_keys", "watch_saves"]

POLL_EVERY = 0.5  # seconds between two looks at the kata file when polling




def _stat(path: Path) -> tuple[int, int] | None:
    """A file's mtime and size; None when it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def poll_saves(files: list[Path], current: Callable[[], Path], events: queue.Queue, stop: threading.Event,
               every: float = POLL_EVERY) -> None:
    """Put a "saved" event for the kata `files` that changed since the last look, every `every`
    seconds: the mtime and size of each, and the sha256 of the current one (`current()`) too,
    since a coarse clock may keep the mtime of a quick save that kept the size. Every file is
    looked at, so a kata edited before it became the current one is not taken for a save then."""
    stats = {p: _stat(p) for p in files}
    here, sha = current(), sha256_of(current())
    while not stop.wait(every):
        now = {p: _stat(p) for p in files}
        changed = {p for p in files if now[p] != stats[p]}
        now_here = current()
        now_sha = sha256_of(now_here)
        if now_here == here and now_sha != sha:
            changed.add(here)
        if changed:
            events.put(("saved", {p.resolve() for p in changed}))
        stats, here, sha = now, now_here, now_sha


def watch_saves(folder: Path, files: list[Path], current: Callable[[], Path], events: queue.Queue,
                stop: threading.Event, poll: bool, lang: str) -> None:
    """Saves under `folder` from file events; polling `files` with `poll`, or when events cannot be had."""
    if not poll:
        try:
            from watchfiles import watch as fs_watch

            # Short debounce: editors save in one burst; we want the verdict right after it.
            for changes in fs_watch(folder, debounce=50, step=20, stop_event=stop, recursive=True):
                events.put(("saved", {Path(p).resolve() for _, p in changes}))
            return
        except Exception as e:  # no inotify left, a file system without events, no watchfiles
            events.put(("notice", t("watch_poll_fallback", lang, error=f"{type(e).__name__}: {e}")))
    poll_saves(files, current, events, stop)


def read_keys(on_key: Callable[[str], None]) -> None:
    """Hand each key to `on_key`: one key at a time from a terminal (see `cbreak`), the first
    letter of each line from piped input; "q" when the input ends."""
    if not sys.stdin.isatty():
        for line in sys.stdin:  # piped input: one command per line
            on_key(line.strip()[:1].lower())
        on_key("q")
        return
    while True:
        ch = sys.stdin.read(1)
        on_key(ch.lower() if ch else "q")
        if not ch:
            return


def cbreak() -> Callable[[], Any]:
    """Read keys one at a time (no Enter) on a POSIX terminal; returns the undo function."""
    try:
        import termios
        import tty
    except ImportError:  # Windows: keys then need Enter
        return lambda: None
    if not sys.stdin.isatty():
        return lambda: None
    saved = termios.tcgetattr(sys.stdin)
    tty.setcbreak(sys.stdin)
    return lambda: termios.tcsetattr(sys.stdin, termios.TCSADRAIN, saved)
