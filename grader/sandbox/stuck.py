"""Where a worker that timed out was stuck, told in the learner's own lines.

Before killing a worker whose call ran past its time, the judge sends it `STACK_SIGNAL`;
the worker's faulthandler writes every thread's stack into its output file at once (from C,
so even a loop inside torch answers). `where` reads that dump and names the innermost line
of the learner's own files, and the loop around it when there is one:

    it was running ex03_train.py, line 14, in train_epoch: loss = model(x)
      inside the loop at line 11: while step < steps:

The dump is written by code the learner controls, so it is only ever shown as text, never
trusted: a forged one can only mislead the learner who forged it.
"""

from __future__ import annotations

import ast
import os
import re

from .. import i18n
from ..terminal import printable

__all__ = ["where"]

_FRAME = re.compile(r'^\s*File "(?P<file>.+)", line (?P<line>\d+) in (?P<function>\S+)\s*$')


def where(dump: str, sources: dict[str, str], lang: str) -> str:
    """The learner's stuck line from a faulthandler `dump` ("" when no frame is theirs), in
    `lang`, and the innermost loop around it, in that frame or in one of the learner's frames
    that called it (a loop calling a helper). `sources`: the learner's file names (as the
    worker compiled them) and their text."""
    frames = []  # (file, line, function), innermost first, the learner's own only
    for match in filter(None, map(_FRAME.match, dump.splitlines())):
        if match["file"] in sources:
            frames.append((match["file"], int(match["line"]), match["function"]))
    if not frames:
        return ""
    filename, line, function = frames[0]
    text = i18n.t("run_timeout_running", lang, file=os.path.basename(filename), line=line, function=function,
                  code=_code(sources[filename], line))
    for filename, line, _ in frames:
        loop = _enclosing_loop(sources[filename], line)
        if loop is not None:
            if (filename, loop) != (frames[0][0], frames[0][1]):
                text += "\n  " + i18n.t("run_timeout_loop", lang, line=loop, code=_code(sources[filename], loop))
            break
    return text


def _code(source: str, line: int) -> str:
    lines = source.splitlines()
    return printable(lines[line - 1].strip())[:120] if 0 < line <= len(lines) else ""


def _enclosing_loop(source: str, line: int) -> int | None:
    """The first line of the innermost `for` or `while` whose body holds `line`."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    loops = [node.lineno for node in ast.walk(tree) if isinstance(node, (ast.For, ast.While, ast.AsyncFor))
             and node.lineno <= line <= (node.end_lineno or node.lineno)]
    return max(loops, default=None)
