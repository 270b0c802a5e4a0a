"""Errors raised by the grader.

Exception tree::

    GradeError                  anything the grader reports as a usage/config problem (exit 2)
    ├── ManifestError           a chapter.toml is missing, malformed or inconsistent
    ├── UnknownTargetError      `grade NAME` where NAME is no chapter or kata (with suggestions)
    └── StubError               solution markers that cannot produce a stub

    Interrupted                 SIGTERM or SIGHUP stopped the run (a KeyboardInterrupt, like Ctrl-C,
                                so that pytest stops the same way; exit 128 + the signal)

    KataProblem                 raised inside a test when the learner's code misbehaves
    ├── KataNotStarted          the stub still raises NotImplementedError
    ├── KataRaised              the learner's code raised an exception
    ├── KataTimeout             a call ran past its deadline; the worker was killed
    ├── KataCrashed             the worker died (segfault, os._exit, killed for memory)
    └── KataBadValue            the value returned cannot be sent back as plain data

A KataProblem is a plain Exception, not an AssertionError: pytest reports it as a failed
test, and the collector reads its type to decide the kata's status.
"""

from __future__ import annotations


class GradeError(Exception):
    """A problem with how `grade` was called or configured (exit code 2)."""


class ManifestError(GradeError):
    """A chapter manifest is missing, malformed or inconsistent."""


class UnknownTargetError(GradeError):
    """A chapter or kata name matched nothing."""

    def __init__(self, name: str, suggestions: list[str]):
        from .i18n import say

        self.name = name
        self.suggestions = suggestions
        names = ", ".join(suggestions)
        hint = say(f" Did you mean: {names}?", f"你是不是想找：{names}？") if suggestions else ""
        super().__init__(say(f"no chapter or kata is called {name!r}.{hint} (see `grade list`)",
                             f"没有叫 {name!r} 的章节或练习。{hint}（可用 `grade list` 查看）"))


class StubError(GradeError):
    """Solution markers that cannot be turned into a stub."""


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal: Ctrl-C (SIGINT), a closed terminal (SIGHUP), a
    cancelled CI job (SIGTERM). Nothing unfinished is recorded."""

    def __init__(self, signum: int = 2):
        super().__init__(signum)
        self.signum = signum


class KataProblem(Exception):
    """The learner's code did not produce a value for the test to check. `kind` tells a
    gradebook why (a wrong value, the other way a test fails, is "wrong")."""

    status = "failing"
    kind = "error"


class KataNotStarted(KataProblem):
    """The stub still raises NotImplementedError."""

    status = "not started"
    kind = "not started"


class KataRaised(KataProblem):
    """The learner's code raised an exception (message carries the trimmed traceback)."""


class KataTimeout(KataProblem):
    """A call did not return before its deadline."""

    kind = "timeout"


class KataCrashed(KataProblem):
    """The worker process died while running the learner's code."""

    kind = "crashed"


class KataBadValue(KataProblem):
    """The returned value is not plain data (tensor, number, str, list, tuple, dict, None)."""
