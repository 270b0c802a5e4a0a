"""What of a test file crosses to the worker: a probe and what it uses, nothing else.

A probe is a top-level function `probe(module, *args)` of a test file, run in the worker
with the learner's module. The worker gets the probe's own source and the top-level
statements it needs (the imports, helpers and constants it names, and theirs in turn), at
their original line numbers so tracebacks stay right; every other line is blank. The
tests themselves, their messages and the other probes never leave the judge.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["probe_source"]


def _bound(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement binds."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _used(stmt: ast.stmt) -> set[str]:
    """The names a statement reads (over-approximated: every name it mentions)."""
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}


def _first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", [])
    return min([stmt.lineno, *(d.lineno for d in decorators)])


@functools.cache
def _extract(path: str, name: str) -> str:
    source = Path(path).read_text(encoding="utf-8")
    tree = ast.parse(source, filename=path)
    binders: dict[str, list[ast.stmt]] = {}
    for stmt in tree.body:
        for bound in _bound(stmt):
            binders.setdefault(bound, []).append(stmt)
    if not any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) for s in binders.get(name, [])):
        raise ValueError(f"{name} must be a top-level function of {path} to run in the worker")
    keep: list[ast.stmt] = [s for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    todo = list(binders[name])
    while todo:
        stmt = todo.pop()
        if any(stmt is k for k in keep):
            continue
        keep.append(stmt)
        todo += [b for used in _used(stmt) for b in binders.get(used, [])]
    lines = source.splitlines()
    shown = [""] * len(lines)
    for stmt in keep:
        end = stmt.end_lineno or stmt.lineno
        shown[_first_line(stmt) - 1 : end] = lines[_first_line(stmt) - 1 : end]
    return "\n".join(shown) + "\n"


def probe_source(fn: Callable[..., Any]) -> tuple[str, str]:
    """(file name, source) of probe `fn` as it is sent to the worker."""
    module = sys.modules.get(fn.__module__)
    path = getattr(module, "__file__", None)
    if path is None or fn.__qualname__ != fn.__name__:
        raise ValueError(f"{fn.__qualname__} must be a top-level function of a test file to run in the worker")
    return path, _extract(path, fn.__name__)
