"""Make a learner's stub from a reference solution, so the two can never drift apart.

A solution marks what the learner writes::

    def derivative_at(x: float) -> float:
        # TODO: make a tensor that requires grad, build f, call backward (roughly 4 lines).
        # BEGIN SOLUTION
        t = torch.tensor(x, requires_grad=True)
        ...
        # END SOLUTION

In the stub, each block becomes `raise NotImplementedError` at the marker's indentation.
A "find and fix the bug" kata gives the buggy code instead, commented out, right after::

        # END SOLUTION
        # BEGIN STUB
        # loss = criterion(torch.softmax(logits, dim=1), y)
        # END STUB

The stub then holds those lines uncommented, and the solution keeps them as comments.

A helper the learner must leave alone says so in its docstring, `(given; do not change)`;
the stub says it in Chinese too, since learners read it in either language. (A TODO comment
is copied as the solution writes it: its Chinese, if any, is the author's.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import StubError

if TYPE_CHECKING:
    from .manifest import Kata

__all__ = ["make_stub", "pristine_stub"]

_MARK = re.compile(r"^(\s*)# (BEGIN|END) (SOLUTION|STUB)\s*$")
_GIVEN = re.compile(r"\(given; do not change( `[^`]+`)?\)")  # optionally naming what: `__init__`


def _given(line: str) -> str:
    """`(given; do not change)` in both languages."""
    return _GIVEN.sub(lambda m: f"(given; do not change{m[1] or ''} · 已给出，请勿修改{m[1] or ''})", line)


def _uncomment(line: str, indent: str, where: str) -> str:
    body = line[len(indent) :]
    if not line.startswith(indent) or not (body.startswith("# ") or body.rstrip() == "#"):
        raise StubError(f"{where}: lines in a STUB block must be comments at the marker's indent")
    return indent + body[2:] if body.startswith("# ") else ""


def _block_end(lines: list[str], begin: int, what: str, name: str) -> int:
    """The index of the `# END <what>` closing the block that opens at `begin`."""
    end = next((j for j in range(begin + 1, len(lines)) if _MARK.match(lines[j])), None)
    closing = _MARK.match(lines[end]) if end is not None else None
    if closing is None or closing.groups()[1:] != ("END", what):
        raise StubError(f"{name}:{begin + 1}: '# BEGIN {what}' without its '# END {what}'")
    return end  # type: ignore[return-value]  # closing is not None, so end is an int


def make_stub(solution: str, name: str = "<solution>") -> str:
    """The stub text for a solution's source text."""
    out: list[str] = []
    lines = solution.splitlines()
    i = 0
    blocks = 0
    while i < len(lines):
        m = _MARK.match(lines[i])
        if not m:
            out.append(_given(lines[i]))
            i += 1
            continue
        indent, edge, what = m.groups()
        if (edge, what) != ("BEGIN", "SOLUTION"):
            raise StubError(f"{name}:{i + 1}: unexpected '# {edge} {what}'")
        i = _block_end(lines, i, "SOLUTION", name) + 1
        blocks += 1
        nxt = _MARK.match(lines[i]) if i < len(lines) else None
        if nxt and nxt.groups()[1:] == ("BEGIN", "STUB"):
            stop = _block_end(lines, i, "STUB", name)
            out.extend(_uncomment(s, indent, f"{name}:{k + i + 2}") for k, s in enumerate(lines[i + 1 : stop]))
            i = stop + 1
        else:
            out.append(f"{indent}raise NotImplementedError")
    if not blocks:
        raise StubError(f"{name}: no '# BEGIN SOLUTION' block, so the stub would be the solution")
    return "\n".join(out) + "\n"


def pristine_stub(kata: Kata) -> str:
    """The stub of `kata` as shipped, generated from its solution."""
    from . import paths

    path = paths.SOLUTIONS / kata.path
    return make_stub(path.read_text(encoding="utf-8"), str(path))
