"""`grade watch`: re-grade the current kata each time its file is saved, and move on to the
next one when it passes (like rustlings). torch, pytest and the worker template stay warm
between runs, so a verdict lands a fraction of a second after the save.

Keys: h = next hint · n = skip to the next kata · l = list · q = quit.
"""

from __future__ import annotations

import queue
import sys
import threading
from pathlib import Path
from typing import Any

from . import paths
from .i18n import t
from .manifest import Chapter, Kata

__all__ = ["watch"]

KEYS_EN = "keys: h = hint · n = next kata · l = list · q = quit"
KEYS_ZH = "按键：h = 提示 · n = 下一题 · l = 列表 · q = 退出"


def _watch_files(folder: Path, events: queue.Queue, stop: threading.Event) -> None:
    from watchfiles import watch as fs_watch

    # Short debounce: editors save in one burst; we want the verdict right after it.
    for changes in fs_watch(folder, debounce=50, step=20, stop_event=stop, recursive=True):
        events.put(("saved", {Path(p).resolve() for _, p in changes}))


def _read_keys(events: queue.Queue) -> None:
    if not sys.stdin.isatty():
        for line in sys.stdin:  # piped input: one command per line
            events.put(("key", line.strip()[:1].lower()))
        events.put(("key", "q"))
        return
    while True:
        ch = sys.stdin.read(1)
        events.put(("key", ch.lower() if ch else "q"))
        if not ch:
            return


class _Session:
    """The state of one watch session: which kata is current, and how to grade it."""

    def __init__(self, console: Any, chapters: list[Chapter], katas: list[Kata], lang: str):
        from .terminal import KataPrinter

        self.console, self.chapters, self.katas, self.lang = console, chapters, katas, lang
        self.printer = KataPrinter(console, chapters, lang)
        self.index = 0
        self.sandbox: Any = None  # kept warm between gradings

    def _sandbox(self) -> Any:
        """The session's sandbox; a new one when this kata's chapter needs a module (torchvision)
        that its template did not preload, so that every kata of the chapter grades fast."""
        from .pipeline import preload_of, sandbox_for
        from .run import GradingRun

        chapter = GradingRun(tuple(k for k in self.katas if k.chapter == self.kata.chapter), paths.EXERCISES)
        if self.sandbox is not None and not set(preload_of(chapter)) <= set(self.sandbox.policy.preload):
            self.sandbox.close()
            self.sandbox = None
        if self.sandbox is None:
            self.sandbox = sandbox_for(chapter)
        return self.sandbox

    @property
    def kata(self) -> Kata:
        return self.katas[self.index]

    def grade(self) -> str:
        """Grade the current kata and record it; a Ctrl-C on the way records nothing."""
        from .commands.shared import save_results
        from .pipeline import grade
        from .run import GradingRun

        self.printer.current = None  # print the chapter heading again
        result = grade(GradingRun((self.kata,), paths.EXERCISES, self.lang, on_result=self.printer), self._sandbox())[0]
        save_results([result], self.lang)
        return result.status

    def advance(self) -> bool:
        """Move to the next kata; False at the end of the list."""
        if self.index + 1 >= len(self.katas):
            return False
        self.index += 1
        self.console.print(f"\n[bold]→ {self.kata.key} · {self.kata.title.get(self.lang)}[/]  "
                           f"[dim]{paths.EXERCISES / self.kata.path}[/]")
        return True

    def hint(self) -> None:
        from .commands.shared import open_store
        from .hint import show_hint

        store = open_store(self.lang)
        try:
            show_hint(self.console, self.kata, store, self.lang, again="hint_more_key")
        finally:
            if store:
                store.close()

    def listing(self) -> None:
        from .commands.shared import latest
        from .overview import kata_list

        kata_list(self.console, self.chapters, latest(self.lang), self.lang,
                  {k.full_key for k in self.katas})


def _start_index(katas: list[Kata], lang: str) -> int:
    from .commands.shared import latest

    statuses = latest(lang)
    return next((i for i, k in enumerate(katas) if statuses.get(k.full_key) != "passed"), 0)


def _move_on_while_passing(session: _Session) -> bool:
    """Grade the current kata; while it passes, go to the next. False when all are done."""
    while session.grade() in ("passed", "skipped"):
        if not session.advance():
            session.console.print(t("all_passed", session.lang), style="green")
            return False
    return True


def watch(console: Any, chapters: list[Chapter], targets: list[str], lang: str) -> int:
    """Run the watch loop until the learner quits or every kata passes."""
    from .discovery import resolve

    everything = [k for c in chapters for k in c.katas]
    katas = everything
    if targets:
        first = resolve(targets, chapters)[0]
        katas = everything[everything.index(first):]
    session = _Session(console, chapters, katas, lang)
    if not targets:
        session.index = _start_index(katas, lang)
    events: queue.Queue = queue.Queue()
    stop = threading.Event()
    threading.Thread(target=_watch_files, args=(paths.EXERCISES, events, stop), daemon=True).start()
    restore = _cbreak()
    threading.Thread(target=_read_keys, args=(events,), daemon=True).start()
    try:
        console.print(f"[bold]{session.kata.key} · {session.kata.title.get(lang)}[/]  "
                      f"[dim]{paths.EXERCISES / session.kata.path}[/]")
        running = _move_on_while_passing(session)
        while running:
            console.print(KEYS_ZH if lang == "zh" else KEYS_EN, style="dim")
            running = _handle(session, events)
    finally:
        stop.set()
        restore()
        if session.sandbox is not None:
            session.sandbox.close()
    return 0


def _handle(session: _Session, events: queue.Queue) -> bool:
    """Wait for the next save of the current kata or a key; False to stop watching."""
    while True:
        kind, value = events.get()
        if kind == "saved" and (paths.EXERCISES / session.kata.path).resolve() in value:
            return _move_on_while_passing(session)
        if kind == "key" and value == "q":
            return False
        if kind == "key" and value == "h":
            session.hint()
            return True
        if kind == "key" and value == "l":
            session.listing()
            return True
        if kind == "key" and value == "n":
            return session.advance() and _move_on_while_passing(session)


def _cbreak() -> Any:
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
