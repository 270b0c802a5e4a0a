"""`grade solution KATA`: the reference solution and its worked explanation.

A worked answer teaches most right after one's own attempt, so it opens once the kata is
passed. Before that, a learner who is stuck may still see it, but only after every hint and
a yes: the hints come first because working it out teaches more than reading it. Each view
is recorded in the store. The learner's own file is never written here.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

from . import i18n, paths
from .errors import GradeError
from .i18n import t
from .manifest import Kata
from .store import Store
from .stubgen import _MARK  # the one definition of the solution markers

__all__ = ["may_show_early", "reference_code", "show_solution"]


def may_show_early(console: Any, kata: Kata, store: Store | None, lang: str, assume_yes: bool = False) -> bool:
    """Whether the solution of `kata`, not passed yet, may be shown now: after its last hint,
    and a yes. Says why when it may not."""
    shown, total = (store.hints_shown(kata.full_key) if store else 0), len(kata.hints)
    if shown < total:
        console.print(t("solution_locked", lang, key=kata.key, total=total, shown=shown), style="yellow",
                      markup=False)
        return False
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        console.print(t("solution_no_tty", lang, key=kata.key), style="yellow", markup=False)
        return False
    try:
        answer = input(t("solution_ask", lang, key=kata.key))
    except EOFError:  # Ctrl-D: no answer is a no
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    console.print(t("solution_kept", lang), markup=False)
    return False


def reference_code(kata: Kata) -> str:
    """What the learner writes, as the reference writes it: every top-level function or class
    of the solution that holds a `# BEGIN SOLUTION` block, without the markers, the `# TODO`
    comments (they describe the task, not the answer) and a fix kata's commented-out bug."""
    path = paths.SOLUTIONS / kata.path
    try:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError) as e:
        raise GradeError(t("solution_missing", i18n.language(), key=kata.key, error=e)) from None
    lines = source.splitlines()
    marked = [n for n, line in enumerate(lines, 1) if _MARK.match(line)]
    parts = []
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        last = node.end_lineno or node.lineno
        if any(first <= n <= last for n in marked):
            parts.append("\n".join(_without_scaffolding(lines[first - 1 : last])))
    return "\n\n\n".join(parts or lines) + "\n"


def _without_scaffolding(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_stub = in_todo = False
    for line in lines:
        mark = _MARK.match(line)
        if mark:
            in_stub = mark.group(2, 3) == ("BEGIN", "STUB")
            in_todo = False
            continue
        in_todo = line.strip().startswith("# TODO") or (in_todo and line.strip().startswith("#"))
        if not (in_stub or in_todo):
            kept.append(line)
    return kept


def show_solution(console: Any, kata: Kata, lang: str) -> None:
    """Print the reference code (highlighted on a colour terminal) and its explanation."""
    code = reference_code(kata)
    console.print(t("solution_header", lang, key=kata.key, title=kata.title.get(lang)), style="bold",
                  markup=False)
    console.print(f"solutions/{kata.path}", style="dim", markup=False)
    if console.is_terminal and not console.no_color:
        from rich.syntax import Syntax

        console.print(Syntax(code, "python", theme="ansi_dark", background_color="default"))
    else:
        console.print(code, markup=False, highlight=False, soft_wrap=True)
    console.print(t("solution_why", lang), style="bold", markup=False)
    explanation = kata.explanation.get(lang) if kata.explanation else t("solution_no_explanation", lang)
    console.print(explanation, markup=False)
    console.print()
    console.print(t("solution_yours", lang, path=f"exercises/{kata.path}"), style="dim", markup=False)
