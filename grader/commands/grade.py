"""`grade TARGET...`: grade chapters or katas, the learner's own or a student's submission."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import i18n, paths
from ..argparser import Parser
from ..errors import GradeError
from ..i18n import t, tr
from . import shared

__all__ = ["build_parser", "run", "exit_code"]

TAKES_VALUE = {"--source", "--submission", "--json", "--junit", "--gradescope", "--gradescope-visibility",
               "--timeout", "--data-dir"}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="grade", parents=[shared.common_options()],
                    description=tr("Grade chapters or katas."))
    parser.add_argument("targets", nargs="+", metavar="TARGET",
                        help=tr("chapter3, 3, ch03, autograd, ch03.ex01 or a kata file"))
    parser.add_argument("--source", metavar="DIR", help=tr("grade the kata files in DIR instead of exercises/"))
    parser.add_argument("--submission", metavar="PATH",
                        help=tr("grade a student's work: a folder, a .zip or a .ipynb; only the kata files "
                                "are taken from it"))
    parser.add_argument("--json", metavar="PATH", help=tr("also write a JSON report to PATH"))
    parser.add_argument("--junit", metavar="PATH", help=tr("also write a JUnit XML report to PATH"))
    parser.add_argument("--gradescope", metavar="PATH", help=tr("also write a Gradescope results.json to PATH"))
    parser.add_argument("--gradescope-visibility", default="visible",
                        choices=("visible", "hidden", "after_due_date", "after_published"),
                        help=tr("visibility of the Gradescope results (default: visible)"))
    parser.add_argument("--record", action="store_true",
                        help=tr("record these verdicts in your progress (your own notebook)"))
    parser.add_argument("--partial", action="store_true",
                        help=tr("in the reports, a failing kata earns points in proportion to its tests passed"))
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help=tr("time budget per call into a kata (default: the manifest's, "
                                "e.g. 600 s for the MNIST capstone)"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=tr("folder holding MNIST/raw/ (default: $TORCHKATA_DATA, else data/)"))
    return parser


def run(args: argparse.Namespace) -> int:
    from .. import sandbox, submission
    from ..discovery import resolve

    chapters = shared.chapters()
    katas = resolve(args.targets, chapters)
    if args.submission and args.source:
        raise GradeError(i18n.say("use --submission or --source, not both", "--submission 和 --source 只能用一个"))
    if not args.submission:
        source = Path(args.source) if args.source else paths.EXERCISES
        if not source.is_dir():
            raise GradeError(i18n.say(f"--source must be a folder laid out like exercises/ (got {source})",
                                      f"--source 必须是和 exercises/ 结构相同的文件夹（实际是 {source}）"))
        return _grade(args, chapters, katas, source)
    if why := sandbox.unconfined_reason():
        shared.warn(t("unconfined", args.lang, why=why), args.lang)
    with sandbox.temporary_folder("submission") as scratch:
        try:
            course = [k for c in chapters for k in c.katas]
            prepared = submission.prepare(Path(args.submission), katas, Path(scratch), course, args.lang)
        except GradeError as e:  # every report asked for still says so, with 0 points
            from ..results import KataResult

            message = i18n.say(f"the submission could not be graded: {e}", f"这份提交无法评分：{e}")
            results = [KataResult(k.key, k.full_key, "failing", message=message) for k in katas]
            _write_reports(args, katas, results, Path(args.submission), error=str(e))
            raise
        _show_prepared(shared.console(args), prepared, args.lang)
        # other students' work lies beside this one
        return _grade(args, chapters, katas, Path(scratch), (Path(args.submission).resolve().parent,),
                      prepared.notes)


def _show_prepared(console: Any, prepared: Any, lang: str) -> None:
    from rich.markup import escape

    from ..terminal import printable

    for note in prepared.notes:
        console.print(f"[yellow]{t('sub_note', lang)}[/] {escape(printable(note))}")


@contextlib.contextmanager
def _no_workflow_commands(console: Any) -> Iterator[None]:
    """Under GitHub Actions, learner output shown while grading cannot issue workflow
    commands (a printed `::error::` or `::add-mask::`): they are paused until grading ends."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        yield
        return
    import secrets

    token = secrets.token_hex(16)
    console.file.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        console.file.write(f"::{token}::\n")


def _grade(args: argparse.Namespace, chapters: list[Any], katas: list[Any], source: Path,
           protected: tuple[Path, ...] = (), notes: list[str] | None = None) -> int:
    from rich.progress import Progress

    from ..files import sha256_of
    from ..pipeline import grade
    from ..run import GradingRun
    from ..terminal import KataPrinter, describe_progress

    console = shared.console(args)
    printer = KataPrinter(console, chapters, args.lang)
    own_exercises = not args.source and not args.submission
    record = own_exercises or bool(args.record)  # --record: the learner's own notebook (notebook.py)
    # Each file's hash as it is graded: watch need not grade an unchanged pass again.
    hashes = {k.full_key: sha256_of(source / k.path) for k in katas} if own_exercises else None
    delivered: list[Any] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(t("grading", args.lang), total=len(katas))
        training: dict[str, Any] = {}

        def on_result(result: Any) -> None:
            delivered.append(result)
            if result.key in training:
                progress.remove_task(training.pop(result.key))
            printer(result)
            progress.advance(task)

        def on_progress(key: str, event: dict) -> None:
            if key not in training:
                training[key] = progress.add_task(key, total=None)
            total, done = event.get("batches"), event.get("batch")
            progress.update(training[key], description=describe_progress(key, event),
                            total=total if isinstance(total, int) else None,
                            completed=done if isinstance(done, int) else 0)

        run_ = GradingRun(tuple(katas), source, args.lang, args.timeout,
                          Path(args.data_dir) if args.data_dir else None, protected, on_result, on_progress)
        try:
            with _no_workflow_commands(console):
                results = grade(run_)
        except KeyboardInterrupt:
            progress.stop()
            if record:  # the katas that finished are real verdicts; the one stopped is none
                shared.save_results(delivered, args.lang, hashes)
            console.print(t("interrupted", args.lang, graded=len(delivered)), style="yellow")
            if args.json or args.junit or args.gradescope:
                console.print(t("interrupted_reports", args.lang), style="yellow")
            raise
    _write_reports(args, katas, results, source, notes=notes)
    if record:  # the learner's own exercises (or notebook): remember how it went
        shared.save_results(results, args.lang, hashes)
    return _summary(console, args, chapters, katas, results, source)


def exit_code(results: list[Any]) -> int:
    """0 when every kata that could be graded here passed (a kata that needs a GPU is skipped
    without one: fine on a CPU runner); 2 when a kata could not be graded because the
    course's own data is missing or corrupt (a configuration error); 1 otherwise."""
    if any(r.status == "skipped" and r.skip == "data" for r in results):
        return 2
    return 1 if any(r.status in ("failing", "not started") for r in results) else 0


def _summary(console: Any, args: argparse.Namespace, chapters: list[Any], katas: list[Any], results: list[Any],
             source: Path) -> int:
    from ..terminal import chapter_summary

    console.print()
    for chapter in chapters:
        if any(r.full_key.startswith(chapter.id + ".") for r in results):
            console.print(chapter_summary(chapter, results, args.lang))
    code = exit_code(results)
    no_data = [r for r in results if r.status == "skipped" and r.skip == "data"]
    expected_skips = [r for r in results if r.status == "skipped" and r.skip in ("gpu", "optional")]
    if no_data:
        console.print(t("not_graded_data", args.lang, count=len(no_data), why=no_data[0].message), style="red")
    todo = [r for r in results if r.status in ("failing", "not started")]
    if not todo and not no_data:
        if expected_skips:
            console.print(t("all_passed_here", args.lang, count=len(expected_skips)), style="green")
        else:
            console.print(t("all_passed", args.lang), style="green")
    elif todo and not args.submission:  # a submission's files live in a scratch folder: no "edit this file"
        first = next(k for k in katas if k.full_key == todo[0].full_key)
        console.print(t("next_step", args.lang, path=source / first.path, command=f"grade {first.key}"), style="dim")
    return code


def _write_reports(args: argparse.Namespace, katas: list[Any], results: list[Any], source: Path,
                   error: str | None = None, notes: list[str] | None = None) -> None:
    """Every report asked for, each written atomically; GitHub annotations under Actions."""
    from .. import github

    where = Path(args.submission or source)
    if args.json:
        from .. import report_json

        report_json.write(Path(args.json), katas, results, where, error, notes, graded=source, partial=args.partial)
    if args.junit:
        from .. import report_junit

        report_junit.write(Path(args.junit), katas, results, where)
    if args.gradescope:
        from .. import report_gradescope

        report_gradescope.write(Path(args.gradescope), katas, results, where, visibility=args.gradescope_visibility,
                                error=error, partial=args.partial, notes=notes)
    # Annotations point at the files as they lie in the checkout: a submission's own exercises/.
    files = where / "exercises" if args.submission and (where / "exercises").is_dir() else where
    github.annotate(katas, results, files)
