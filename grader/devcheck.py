"""`grade dev check` and `grade dev sync`: keep manifests, stubs, solutions and tests in step.

check proves that
  1. every manifest loads;
  2. every kata has an exercise, a solution and a test file, and no such file is stray; no two
     katas share a file name (flat submissions are placed by name);
  3. each solution yields a stub with the same names and signatures (with --strict, the
     stub in exercises/ is exactly the generated one);
  4. every pristine stub (generated afresh, never the learner's file) grades "not started"
     with at least one failing test, and every solution passes;
  5. every kata has a mistake catalogue (see catalogue.py) of at least four mistakes, each
     rejected, and at least one alternative, accepted (with --strict, each mistake still
     fails the tests its signature says);
  6. no probe is defined twice in the tests (one belongs in grader/probes.py);
  7. every kata teaches: at least three hints (concept, approach, near-solution) and a
     worked explanation for `grade solution`, in both languages.

sync writes exercises/ from the solutions and each catalogue's signatures.json.
"""

from __future__ import annotations

import ast
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import paths
from .errors import GradeError
from .manifest import Chapter, Kata, load_chapters
from .stubgen import make_stub

__all__ = ["check", "sync", "signatures"]

MIN_HINTS = 3


def signatures(source: str, name: str = "<file>") -> dict[str, str]:
    """Top-level names of a module with the signature of each function and method."""
    tree = ast.parse(source, filename=name)
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
            found[node.name] = f"({ast.unparse(node.args)}){returns}"
        elif isinstance(node, ast.ClassDef):
            found[node.name] = "class(" + ", ".join(ast.unparse(b) for b in node.bases) + ")"
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[f"{node.name}.{item.name}"] = f"({ast.unparse(item.args)})"
    return found


def _same_file_names(chapters: list[Chapter]) -> list[str]:
    """Kata file names must be unique across the course: a flat submission (Gradescope's, no
    chapter folders) is placed by file name alone (see submission.py)."""
    problems: list[str] = []
    first: dict[str, str] = {}  # file name -> its chapter
    for kata in (k for c in chapters for k in c.katas):
        name = f"{kata.id}.py"
        if name in first:
            problems.append(f"{kata.chapter}/{name}: the same file name as {first[name]}/{name}; kata file names "
                            "must be unique across the course (flat submissions are placed by name)")
        first.setdefault(name, kata.chapter)
    return problems


def _structure(chapters: list[Chapter]) -> list[str]:
    problems = _same_file_names(chapters)
    known = {c.id for c in chapters}
    for root in (paths.SOLUTIONS, paths.TESTS):
        for folder in sorted(p for p in root.glob("ch*") if p.is_dir()):
            if folder.name not in known:
                problems.append(f"{folder}: chapter folder has no exercises/{folder.name}/chapter.toml")
    for ch in chapters:
        expected = {
            paths.EXERCISES / ch.id: {f"{k.id}.py" for k in ch.katas},
            paths.SOLUTIONS / ch.id: {f"{k.id}.py" for k in ch.katas},
            paths.TESTS / ch.id: {f"test_{k.id}.py" for k in ch.katas},
        }
        for folder, names in expected.items():
            present = {p.name for p in folder.glob("*.py") if not p.name.startswith("_")}
            present.discard("conftest.py")
            for name in sorted(names - present):
                problems.append(f"{folder / name}: missing (the manifest lists it)")
            for name in sorted(present - names):
                problems.append(f"{folder / name}: stray file, not in {ch.id}/chapter.toml")
    return problems


def _stubs(chapters: list[Chapter], out: Path, strict: bool) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    notes: list[str] = []
    for ch in chapters:
        (out / ch.id).mkdir(parents=True, exist_ok=True)
        for kata in ch.katas:
            solution_path = paths.SOLUTIONS / kata.path
            if not solution_path.is_file():
                continue
            try:
                solution = solution_path.read_text(encoding="utf-8")
                stub = make_stub(solution, str(solution_path))
                if signatures(stub) != signatures(solution, str(solution_path)):
                    problems.append(f"{solution_path}: the stub's names or signatures differ")
            except (GradeError, SyntaxError) as e:
                problems.append(f"{solution_path}: {e}")
                continue
            (out / kata.path).write_text(stub, encoding="utf-8")
            exercise = paths.EXERCISES / kata.path
            if exercise.is_file() and exercise.read_text(encoding="utf-8") != stub:
                where = f"{exercise}: differs from the stub generated from its solution"
                (problems if strict else notes).append(where + (" (run `grade dev sync`)" if strict else ""))
    return problems, notes


def _grading(chapters: list[Chapter], stubs: Path, strict: bool) -> tuple[list[str], list[str]]:
    """Checks 4 and 5: the stubs, the solutions and every catalogued file, graded in one sandbox."""
    from .pipeline import grade, sandbox_for
    from .run import GradingRun

    katas = tuple(k for c in chapters for k in c.katas if (paths.SOLUTIONS / k.path).is_file())
    problems: list[str] = []
    with sandbox_for(GradingRun(katas, stubs)) as sandbox:  # one template for every run
        for result in grade(GradingRun(katas, stubs), sandbox):
            has_failure = any(t.outcome == "failed" for t in result.tests)
            if result.status not in ("not started", "skipped") or (result.status == "not started" and not has_failure):
                problems.append(f"{result.key}: the pristine stub grades {result.status!r}, not 'not started'")
        for result in grade(GradingRun(katas, paths.SOLUTIONS), sandbox):
            if result.status not in ("passed", "skipped"):
                problems.append(f"{result.key}: the solution grades {result.status!r}: {result.message[:500]}")
        more, notes = _catalogues(katas, sandbox, strict)
    return problems + more, notes


def _catalogues(katas: tuple[Kata, ...], sandbox: Any, strict: bool) -> tuple[list[str], list[str]]:
    """Check 5: every catalogue complete, every mistake rejected, every alternative accepted."""
    from . import catalogue

    problems, notes, loaded = [], [], []
    for kata in katas:
        try:
            found = catalogue.load(kata)
        except catalogue.CatalogueError as e:
            problems.append(str(e))
            continue
        if len(found.mistakes) < catalogue.MIN_MISTAKES or len(found.alternatives) < catalogue.MIN_ALTERNATIVES:
            problems.append(f"{kata.key}: its catalogue has {len(found.mistakes)} mistakes and "
                            f"{len(found.alternatives)} alternatives; at least {catalogue.MIN_MISTAKES} and "
                            f"{catalogue.MIN_ALTERNATIVES} are needed")
        loaded.append(found)
    signatures: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    counts = {"mistake": 0, "named": 0, "alternative": 0}
    for c, entry, kind, result in catalogue.grade_entries(loaded, sandbox):
        counts[kind] += 1
        name = f"{c.kata.key}: {kind} {entry.file.name}"
        if kind == "alternative" and result.status not in ("passed", "skipped"):
            problems.append(f"{name} is rejected ({result.status}): {result.message[:300]}")
        elif kind == "mistake" and result.status in ("passed", "not started"):
            problems.append(f"{name} grades {result.status!r}: the tests do not catch it ({entry.en})")
        elif kind == "mistake" and result.status == "failing":
            seen = catalogue.signature(result)
            if strict and c.signatures.get(entry.file.name, {}).get("fails") != seen["fails"]:
                problems.append(f"{name} fails {seen['fails']}, not what its signature says (run `grade dev sync`)")
            signatures.setdefault((c.kata.key, tuple(seen["fails"]), seen["first"]), []).append(entry.file.name)
            named = catalogue.diagnose(c, result, "en")
            counts["named"] += named == entry
            if named is not None and named != entry:
                problems.append(f"{name} would be named to a learner as {named.file.name} (run `grade dev sync`)")
    for (key, _, _), files in signatures.items():
        if len(files) > 1:
            notes.append(f"{key}: {' and '.join(files)} fail alike, so neither can be named to a learner")
    notes.append(f"catalogues: {counts['mistake']} mistakes graded ({counts['named']} named to a learner who makes "
                 f"them), {counts['alternative']} alternatives graded")
    return problems, notes


def _duplicate_probes() -> list[str]:
    """Check 6: a probe (a function passed to kata.probe) defined twice in the tests, the same
    apart from its name and docstring."""
    seen: dict[str, str] = {}
    problems = []
    for path in sorted(paths.TESTS.glob("ch*/test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {node.args[0].id for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
                and isinstance(node.func, ast.Attribute) and node.func.attr == "probe"
                and isinstance(node.args[0], ast.Name)}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in used:
                body = node.body[1:] if ast.get_docstring(node) else node.body
                shape = ast.dump(ast.Module(body=body, type_ignores=[])) + ast.dump(node.args)
                where = f"{path.relative_to(paths.ROOT)}::{node.name}"
                if shape in seen:
                    problems.append(f"{where} is the same probe as {seen[shape]}: put it in grader/probes.py")
                else:
                    seen[shape] = where
    return problems


def _teaching(chapters: list[Chapter]) -> list[str]:
    """Check 7: three hint tiers and an explanation (the manifest already refuses empty texts)."""
    problems = []
    for kata in (k for c in chapters for k in c.katas):
        if len(kata.hints) < MIN_HINTS:
            problems.append(f"{kata.key}: {len(kata.hints)} hints; at least {MIN_HINTS} are needed "
                            "(the concept, the approach, the near-solution)")
        if kata.explanation is None:
            problems.append(f"{kata.key}: no explanation (en and zh) for `grade solution` in its chapter.toml")
    return problems


def check(console: Any, strict: bool = False, targets: list[str] | None = None) -> bool:
    """Run every check (on the chapters of `targets`, if given); say whether all passed."""
    from .discovery import resolve

    started = time.perf_counter()
    broken: list[Any] = []
    chapters = load_chapters(paths.EXERCISES, broken)
    if targets:
        wanted = {k.chapter for k in resolve(targets, chapters)}
        chapters = [c for c in chapters if c.id in wanted]
    console.print(f"manifests: {len(chapters)} chapters, {sum(len(c.katas) for c in chapters)} katas")
    problems = [str(b) for b in broken] if not targets else []
    problems += _structure(chapters) if not targets else []
    problems += _duplicate_probes() if not targets else []
    problems += _teaching(chapters)
    with tempfile.TemporaryDirectory(prefix="kata-stubs-") as tmp:
        stub_problems, notes = _stubs(chapters, Path(tmp), strict)
        problems += stub_problems
        for note in notes:
            console.print(f"[dim]note: {note} (learner work? checked the pristine stub instead)[/]")
        grading_problems, grading_notes = _grading(chapters, Path(tmp), strict)
        problems += grading_problems
        for note in grading_notes:
            console.print(f"[dim]note: {note}[/]")
    for problem in problems:
        console.print(f"[red]✗[/] {problem}")
    took = time.perf_counter() - started
    if problems:
        console.print(f"[red]dev check failed: {len(problems)} problems[/] ({took:.1f}s)")
        return False
    console.print(f"[green]dev check passed[/] ({took:.1f}s)")
    return True


def _confirm(question: str) -> bool:
    return sys.stdin.isatty() and input(question).strip().lower() in ("y", "yes")


def sync(console: Any, assume_yes: bool = False, targets: list[str] | None = None) -> int:
    """Write the generated stubs into exercises/, asking before replacing a changed file."""
    from .discovery import resolve
    from .stubgen import pristine_stub

    backup = paths.STATE / "backups" / time.strftime("%Y%m%d-%H%M%S")
    written = kept = 0
    broken: list[Any] = []
    chapters = load_chapters(paths.EXERCISES, broken)
    for problem in broken:
        console.print(f"[yellow]warning: chapter left out: {problem}[/]")
    katas = resolve(targets, chapters) if targets else [k for c in chapters for k in c.katas]
    for kata in katas:
        stub = pristine_stub(kata)
        target = paths.EXERCISES / kata.path
        if target.is_file():
            if target.read_text(encoding="utf-8") == stub:
                continue
            if not assume_yes and not _confirm(f"overwrite {target}? [y/N] "):
                kept += 1
                continue
            (backup / kata.chapter).mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, backup / kata.path)
        target.write_text(stub, encoding="utf-8")
        written += 1
    console.print(f"wrote {written} stubs, kept {kept} changed files"
                  + (f"; backups in {backup}" if backup.exists() else ""))
    console.print(f"wrote {_sync_signatures(katas)} mistake signatures")
    return 0


def _sync_signatures(katas: list[Kata]) -> int:
    """Grade every catalogued mistake, in each language, and write what it fails into its
    kata's signatures.json. (The one place that changes the language within a process: the
    grader speaks one language per run, and this writes both.)"""
    from . import catalogue, i18n
    from .pipeline import sandbox_for
    from .run import GradingRun

    loaded = []
    for kata in katas:
        try:
            loaded.append(catalogue.load(kata))
        except catalogue.CatalogueError:
            pass  # `grade dev check` says what is wrong with it
    rows, lang = {}, i18n.language()
    with sandbox_for(GradingRun(tuple(katas), paths.SOLUTIONS)) as sandbox:
        try:
            for each in i18n.LANGS:
                i18n.set_language(each)
                rows[each] = catalogue.grade_entries(loaded, sandbox, kinds=("mistake",))
        finally:
            i18n.set_language(lang)
    return catalogue.write_signatures(rows)
