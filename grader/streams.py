"""Standard output and error that a reader going away cannot break.

`grade | head -3` must keep grading, writing its reports and the progress database; a
closed terminal must stop the run (SIGHUP) without a traceback. What no one reads any more
is dropped. (No rich here: `grade --help` imports this.)
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["guard_output"]


class _Guarded:
    """A standard stream that a reader going away cannot break: `grade | head -3` keeps
    grading, writing its reports and the progress database, and a closed terminal stops the
    run (SIGHUP) without a traceback; what no one reads is dropped."""

    def __init__(self, stream: Any):
        self._stream = stream
        self._gone = False

    def _lost(self) -> None:
        self._gone = True
        try:  # the interpreter's last flush at exit goes nowhere, quietly
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):  # a closed pipe, a terminal gone (EIO), a stream closed under us
                self._lost()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._lost()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_output() -> None:
    """Make stdout and stderr survive a reader that went away (a closed pipe)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, _Guarded):
            setattr(sys, name, _Guarded(stream))


