"""`grade watch`: re-grade the current kata each time its file is saved, and move on when it
passes (like rustlings). torch, pytest and the worker template stay warm between runs, so a
verdict lands a fraction of a second after the save.

Keys: h = next hint · n / p = next / previous kata · r = grade again now · l = this chapter
· q = quit. They act at once, even while a kata is graded: q, n, p and r stop the grading
run the way Ctrl-C does (nothing is recorded for the kata that was stopped), h and l answer
while it goes on. Piped input is a script instead: one key a line, each read once the
grading in progress has ended, so that it gives the same output every time.

A kata whose file has not changed since its recorded pass (the store keeps each graded
file's sha256) is not graded again: watch starts at the first kata that needs grading.
Saves come from file events, or from polling (`--poll`) where none are delivered.
"""

from __future__ import annotations

import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.text import Text

from . import paths
from .files import sha256_of
from .i18n import t
from .manifest import Chapter, Kata
from .watch_input import POLL_EVERY, cbreak, read_keys, watch_saves

__all__ = ["watch"]

STOPPING = ("q", "n", "p", "r")  # keys that make the grading in progress moot


class _Grading:
    """Whether a grading run is in progress, for the thread that reads keys. A key that makes
    the run moot stops it the way Ctrl-C does: a SIGINT to the main thread, which pytest turns
    into an interrupted run (`pipeline.grade`), so no verdict exists for the kata stopped.
    Pressed between runs, such a key stops the next run before it starts, unless the watch
    loop has handled it by then (`handled`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = False
        self.stopped_by: str | None = None  # the last stopping key, until the watch loop handles it

    def __enter__(self) -> None:
        with self._lock:
            if self.stopped_by is not None:
                raise KeyboardInterrupt
            self._running = True

    def __exit__(self, kind: object, *_: object) -> None:
        with self._lock:  # from here on no key can stop the run: a stop asked for has been sent
            sent, self._running = self.stopped_by is not None, False
        if sent and kind is None:
            _await_interrupt()  # the run ended just before the SIGINT landed: let it land here

    def stop(self, key: str) -> None:
        """Stop the run in progress, or the next one (in the key thread)."""
        with self._lock:
            self.stopped_by = key
            if self._running:
                self._running = False
                _interrupt_main()

    def handled(self, key: str) -> None:
        """The watch loop has taken `key` from the queue: it stops nothing more."""
        with self._lock:
            if self.stopped_by == key:
                self.stopped_by = None

    def meanwhile(self, action: Callable[[], object]) -> bool:
        """Do `action` now if a run is in progress (in the key thread); False if none is."""
        with self._lock:
            if self._running:
                action()
            return self._running


def _interrupt_main() -> None:
    main = threading.main_thread().ident
    if hasattr(signal, "pthread_kill") and main is not None:
        signal.pthread_kill(main, signal.SIGINT)  # wakes the judge from a wait on its worker
    else:  # Windows: raised when the main thread next runs Python code
        import _thread

        _thread.interrupt_main()


def _await_interrupt() -> None:
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        time.sleep(0.01)  # the KeyboardInterrupt is raised between two of these
    raise KeyboardInterrupt  # it was lost (caught on the way): stop all the same


class _GradingLine:
    """`grading ch03.ex02… (3.2 s)`, and a training kata's progress; rich redraws it."""

    def __init__(self, key: str, lang: str):
        self.key, self.lang, self.started, self.progress = key, lang, time.monotonic(), ""

    def __rich__(self) -> Text:
        seconds = time.monotonic() - self.started
        return Text(t("watch_grading", self.lang, key=self.key, seconds=seconds) + self.progress)


class _Session:
    """The state of one watch session: which kata is current, and how to grade it. The main
    thread owns it; the key thread only reads it (see `on_key`)."""

    def __init__(self, console: Any, chapters: list[Chapter], lang: str, events: queue.Queue):
        from .terminal import KataPrinter

        self.console, self.chapters, self.lang, self.events = console, chapters, lang, events
        self.katas = [k for c in chapters for k in c.katas]
        self.printer = KataPrinter(console, chapters, lang)
        self.index = 0
        self.sandbox: Any = None  # kept warm between gradings
        self.grading = _Grading()
        self.passes = _passes(lang)  # full key -> sha256 of the file that passed
        self.interactive = sys.stdin.isatty()

    @property
    def kata(self) -> Kata:
        return self.katas[self.index]

    @property
    def path(self) -> Path:
        return paths.EXERCISES / self.kata.path

    def unchanged(self, kata: Kata) -> bool:
        """Passed, and its file is still the one that passed."""
        sha = self.passes.get(kata.full_key)
        return sha is not None and sha == sha256_of(paths.EXERCISES / kata.path)

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

    # -- grading ---------------------------------------------------------------------------
    def grade(self) -> str:
        """Grade the current kata and record it, with the sha256 its file had when grading
        began; "stopped" when a key stopped it (nothing recorded). Ctrl-C ends watch."""
        from .commands.shared import save_results
        from .pipeline import grade
        from .run import GradingRun
        from .terminal import describe_progress

        kata, sha = self.kata, sha256_of(self.path)
        line = _GradingLine(kata.key, self.lang)

        def on_progress(key: str, event: dict) -> None:
            line.progress = describe_progress(key, event).removeprefix(key)

        delivered: list[Any] = []

        def on_result(result: Any) -> None:
            delivered.append(result)
            self.printer(result)

        run = GradingRun((kata,), paths.EXERCISES, self.lang, on_result=on_result, on_progress=on_progress)
        self.printer.current = None  # print the chapter heading again
        try:
            with self._showing(line):
                import torch  # noqa: F401  (before a key may stop the run: torch stopped mid-import stays broken)

                sandbox = self._sandbox()  # and a worker template started whole, not half
                with self.grading:
                    grade(run, sandbox)
        except KeyboardInterrupt:
            if self.grading.stopped_by is None:
                raise
        finally:
            save_results(delivered, self.lang, {kata.full_key: sha})  # what finished is a real verdict
        if not delivered:
            self.console.print(t("watch_stopped_run", self.lang, key=kata.key), style="yellow")
            return "stopped"
        self.passes = _passes(self.lang)
        return str(delivered[0].status)

    @contextmanager
    def _showing(self, line: _GradingLine) -> Iterator[None]:
        """The grading line while a kata is graded: redrawn in a terminal, printed once elsewhere."""
        if not self.console.is_terminal:
            self.console.print(t("watch_grading_plain", self.lang, key=line.key), style="dim")
            yield
            return
        with self.console.status(line):
            yield

    def settle(self) -> bool:
        """Grade the current kata; while it passes, go on to the next kata that needs grading.
        False when none is left."""
        while self.grade() in ("passed", "skipped"):
            if not self.skip_to(self.index + 1):
                self.console.print(t("all_passed", self.lang), style="green")
                return False
        return True

    # -- moving ----------------------------------------------------------------------------
    def skip_to(self, start: int) -> bool:
        """Make the first kata from `start` on that needs grading the current one; False if none."""
        found = next((i for i in range(start, len(self.katas)) if not self.unchanged(self.katas[i])), None)
        if found is None:
            return False
        if found > start:
            self.console.print(t("watch_skipped", self.lang, count=found - start), style="dim")
        self.index = found
        self.announce()
        return True

    def go(self, step: int) -> bool:
        """n and p: the next or previous kata, graded unless it passed unchanged."""
        if not 0 <= self.index + step < len(self.katas):
            edge = "watch_last" if step > 0 else "watch_first"
            self.console.print(t(edge, self.lang, key=self.kata.key), style="dim")
            return True
        self.index += step
        self.announce()
        if self.unchanged(self.kata):
            self.console.print(t("watch_unchanged", self.lang, key=self.kata.key), style="green")
        else:
            self.grade()
        return True

    def announce(self) -> None:
        self.console.print(f"\n[bold]→ {self.kata.key} · {escape(self.kata.title.get(self.lang))}[/]  "
                           f"[dim]{escape(str(self.path))}[/]")

    # -- showing ---------------------------------------------------------------------------
    def hint(self) -> bool:
        from .commands.shared import open_store
        from .hint import show_hint

        store = open_store(self.lang)
        try:
            show_hint(self.console, self.kata, store, self.lang, again="hint_more_key")
        finally:
            if store:
                store.close()
        return True

    def listing(self) -> bool:
        """The current chapter's katas with their statuses."""
        from .commands.shared import latest
        from .overview import kata_list

        chapter = next(c for c in self.chapters if c.id == self.kata.chapter)
        kata_list(self.console, [chapter], latest(self.lang), self.lang)
        self.console.print(t("watch_here", self.lang, key=self.kata.key), style="dim")
        return True

    # -- keys ------------------------------------------------------------------------------
    def on_key(self, key: str) -> None:
        """A key pressed (in the key thread). In a terminal, while a kata is graded, h and l
        answer at once and q, n, p, r stop the run; every other key waits for the loop."""
        if self.interactive and key in ("h", "l") and self.grading.meanwhile(self.act(key)):
            return
        self.events.put(("key", key))
        if self.interactive and key in STOPPING:
            self.grading.stop(key)

    def act(self, key: str) -> Callable[[], bool]:
        """What a key does; False from it ends watch."""
        actions: dict[str, Callable[[], bool]] = {
            "h": self.hint, "l": self.listing, "n": lambda: self.go(1), "p": lambda: self.go(-1),
            "r": self.settle, "q": self.quit,
        }
        return actions.get(key, lambda: True)

    def quit(self) -> bool:
        self.console.print(t("watch_quit", self.lang), style="dim")
        return False


def _passes(lang: str) -> dict[str, str]:
    from .commands.shared import from_store

    return from_store(lang, lambda store: store.passed_hashes(), {})


def watch(console: Any, chapters: list[Chapter], targets: list[str], lang: str, poll: bool = False) -> int:
    """Run the watch loop until the learner quits or every kata passes."""
    from .discovery import resolve

    events: queue.Queue = queue.Queue()
    session = _Session(console, chapters, lang, events)
    start = session.katas.index(resolve(targets, chapters)[0]) if targets else 0
    stop = threading.Event()
    files = [paths.EXERCISES / k.path for k in session.katas]
    threading.Thread(target=watch_saves, args=(paths.EXERCISES, files, lambda: session.path, events, stop, poll, lang),
                     daemon=True).start()
    if poll:
        console.print(t("watch_polling", lang, seconds=POLL_EVERY), style="dim")
    restore = cbreak()
    threading.Thread(target=read_keys, args=(session.on_key,), daemon=True).start()
    try:
        if not session.skip_to(start):
            console.print(t("all_passed", lang), style="green")
            return 0
        running = session.settle()
        while running:
            console.print(t("watch_keys", lang), style="dim")
            running = _handle(session, events)
    finally:
        stop.set()
        restore()
        if session.sandbox is not None:
            session.sandbox.close()
    return 0


def _handle(session: _Session, events: queue.Queue) -> bool:
    """Wait for the next save of the current kata or a key, and act on it; False to stop watching."""
    while True:
        kind, value = events.get()
        if kind == "notice":
            session.console.print(value, style="yellow")
        elif kind == "saved" and session.path.resolve() in value:
            return session.settle()
        elif kind == "key":
            session.grading.handled(value)
            if value in ("h", "l", "n", "p", "r", "q"):
                return session.act(value)()
