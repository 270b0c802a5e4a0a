"""The `grade` command line. Heavy imports (torch, pytest) happen inside the commands that
need them, so `grade --help`, `grade list` and the overview answer at once.

    grade                        overview: progress per chapter and the next kata
    grade TARGET...              grade chapters or katas (chapter3, 3, ch03, autograd, ch03.ex01)
    grade list [TARGET...]       every kata with its status
    grade progress               history: activity per day, streak, first-try pass rate
    grade hint KATA              the next hint for a kata
    grade reset KATA             put a kata's original stub back (asks; keeps a backup)
    grade watch [TARGET]         re-grade on save, move on when a kata passes
    grade doctor                 check this machine: versions, GPU, data, state folder
    grade dev check|sync         maintainer tools
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import __version__, i18n, paths
from .errors import GradeError
from .i18n import LANGS, default_lang, t, tr

__all__ = ["exit_now", "main", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = ("list", "progress", "hint", "reset", "watch", "doctor", "dev", "notebook", "batch", "merge")
# Commands with their own argument parser, in their own module: name -> (module, function).
DELEGATED = {"notebook": ("notebook", "notebook_main"), "batch": ("batch", "batch_main"),
             "merge": ("batch", "merge_main")}


def _console(args: argparse.Namespace) -> Any:
    from rich.console import Console

    return Console(highlight=False, no_color=args.no_color or None)


def _chapters() -> list[Any]:
    """Every chapter that loads; a broken manifest is a warning, not the end of grading."""
    from .manifest import load_chapters

    problems: list[Any] = []
    chapters = load_chapters(paths.EXERCISES, problems)
    for problem in problems:
        print(f"grade: warning: chapter left out: {problem}", file=sys.stderr)
    return chapters


def _store(lang: str) -> Any:
    """The progress database, or None (with a warning) when it cannot be opened."""
    from .store import Store, StoreError

    def warn(message: str) -> None:
        print(f"grade: {t('warning', lang)}: {message}", file=sys.stderr)

    try:
        return Store(paths.STATE / "progress.db", warn=warn)
    except (StoreError, OSError) as e:
        warn(t("store_warning", lang, error=e))
        return None


def _one_kata(target: str) -> Any:
    from .discovery import resolve

    katas = resolve([target], _chapters())
    if len(katas) != 1:
        raise GradeError(f"{target!r} names {len(katas)} katas; name one, e.g. {katas[0].key}")
    return katas[0]


def _save(results: list[Any], lang: str) -> None:
    import torch

    from .store import StoreError

    store = _store(lang)
    if store is None:
        return
    try:
        store.record(results, torch.__version__)
    except StoreError as e:
        print(f"grade: {t('warning', lang)}: {t('store_warning', lang, error=e)}", file=sys.stderr)
    finally:
        store.close()


def cmd_grade(args: argparse.Namespace) -> int:
    from . import submission
    from .discovery import resolve

    chapters = _chapters()
    katas = resolve(args.targets, chapters)
    if args.submission and args.source:
        raise GradeError("use --submission or --source, not both")
    if args.submission:
        from . import sandbox

        if why := sandbox.unconfined_reason():
            print(f"grade: {t('warning', args.lang)}: {t('unconfined', args.lang, why=why)}",
                  file=sys.stderr)
        with sandbox.temporary_folder("submission") as scratch:
            try:
                prepared = submission.prepare(Path(args.submission), katas, Path(scratch))
            except GradeError as e:  # every report asked for still says so, with 0 points
                from .results import KataResult

                message = f"the submission could not be graded: {e}"
                results = [KataResult(k.key, k.full_key, "failing", message=message) for k in katas]
                _write_reports(args, katas, results, Path(args.submission), error=str(e))
                raise
            _show_prepared(_console(args), prepared)
            # other students' work lies beside this one
            return _grade(args, chapters, katas, Path(scratch), [Path(args.submission).resolve().parent])
    source = Path(args.source) if args.source else paths.EXERCISES
    if not source.is_dir():
        raise GradeError(f"--source must be a folder laid out like exercises/ (got {source})")
    return _grade(args, chapters, katas, source)


def _show_prepared(console: Any, prepared: Any) -> None:
    from rich.markup import escape

    from .terminal import printable

    if prepared.ignored:
        more = len(prepared.ignored) - 8
        names = ", ".join(prepared.ignored[:8]) + (f" and {more} more" if more > 0 else "")
        console.print(f"[yellow]ignored from the submission (not kata files):[/] {escape(printable(names))}")
    for problem in prepared.problems:
        console.print(f"[yellow]submission:[/] {escape(printable(problem))}")


@contextlib.contextmanager
def _no_workflow_commands(console: Any) -> Iterator[None]:
    """Under GitHub Actions, learner output shown while grading cannot issue workflow
    commands (a printed `::error::` or `::add-mask::`): they are paused until grading ends."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        yield
        return
    token = secrets.token_hex(16)
    console.file.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        console.file.write(f"::{token}::\n")


def _grade(args: argparse.Namespace, chapters: list[Any], katas: list[Any], source: Path,
           protected: list[Path] | None = None) -> int:
    from rich.progress import Progress

    from .runner import grade_katas
    from .terminal import KataPrinter, chapter_summary, describe_progress

    console = _console(args)
    printer = KataPrinter(console, chapters, args.lang)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(t("grading", args.lang), total=len(katas))
        training: dict[str, Any] = {}

        def on_result(result: Any) -> None:
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

        data_dir = Path(args.data_dir) if args.data_dir else None
        with _no_workflow_commands(console):
            results = grade_katas(katas, source, on_result, on_progress, args.timeout, data_dir, args.lang,
                                  protected)
    _write_reports(args, katas, results, source)
    if not args.source and not args.submission:  # the learner's own exercises: remember how it went
        _save(results, args.lang)
    console.print()
    for chapter in chapters:
        if any(r.full_key.startswith(chapter.id + ".") for r in results):
            console.print(chapter_summary(chapter, results, args.lang))
    todo = [r for r in results if r.status in ("failing", "not started")]
    if not todo:
        console.print(t("all_passed", args.lang), style="green")
        return EXIT_OK
    if not args.submission:  # a submission's files live in a scratch folder: no "edit this file"
        first = next(k for k in katas if k.full_key == todo[0].full_key)
        console.print(t("next_step", args.lang, path=source / first.path, command=f"grade {first.key}"), style="dim")
    return EXIT_FAILED


def _write_reports(args: argparse.Namespace, katas: list[Any], results: list[Any], source: Path,
                   error: str | None = None) -> None:
    """Every report asked for, each written atomically; GitHub annotations under Actions."""
    from . import github

    where = Path(args.submission or source)
    if args.json:
        from . import report_json

        report_json.write(Path(args.json), katas, results, where, error)
    if args.junit:
        from . import report_junit

        report_junit.write(Path(args.junit), katas, results, where)
    if args.gradescope:
        from . import report_gradescope

        report_gradescope.write(Path(args.gradescope), katas, results, where, visibility=args.gradescope_visibility,
                                error=error)
    # Annotations point at the files as they lie in the checkout: a submission's own exercises/.
    files = where / "exercises" if args.submission and (where / "exercises").is_dir() else where
    github.annotate(katas, results, files)


def _latest(lang: str) -> dict[str, str]:
    store = _store(lang)
    if store is None:
        return {}
    try:
        return store.latest()
    finally:
        store.close()


def cmd_overview(args: argparse.Namespace) -> int:
    from .overview import overview

    overview(_console(args), _chapters(), _latest(args.lang), args.lang)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .discovery import resolve
    from .overview import kata_list

    chapters = _chapters()
    wanted = {k.full_key for k in resolve(args.targets, chapters)} if args.targets else None
    kata_list(_console(args), chapters, _latest(args.lang), args.lang, wanted)
    return EXIT_OK


def cmd_progress(args: argparse.Namespace) -> int:
    from .history import show_progress

    store = _store(args.lang)
    if store is None:
        return EXIT_FAILED
    try:
        show_progress(_console(args), store.attempts(), store.hint_count(), args.lang)
    finally:
        store.close()
    return EXIT_OK


def cmd_hint(args: argparse.Namespace) -> int:
    from .hint import show_hint

    kata = _one_kata(args.kata)
    store = _store(args.lang)
    try:
        show_hint(_console(args), kata, store, args.lang)
    finally:
        if store:
            store.close()
    return EXIT_OK


def cmd_reset(args: argparse.Namespace) -> int:
    from .reset import reset

    reset(_console(args), _one_kata(args.kata), args.lang, assume_yes=args.yes)
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import doctor

    return EXIT_OK if doctor(_console(args), args.lang) else EXIT_FAILED


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(_console(args), _chapters(), args.targets, args.lang)


def cmd_dev(args: argparse.Namespace) -> int:
    from . import devcheck

    console = _console(args)
    if args.dev_command == "check":
        ok = devcheck.check(console, strict=args.strict, targets=args.targets)
        return EXIT_OK if ok else EXIT_FAILED
    return devcheck.sync(console, assume_yes=args.yes, targets=args.targets)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help=tr("language of messages and kata texts (default: from the locale)"))
    common.add_argument("--no-color", action="store_true", help=tr("plain output without colours"))
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="grade", parents=[common],
        description=tr("Grade your PyTorch katas. With no arguments, show your progress."),
        epilog=tr("grade a chapter or kata: grade chapter3 · grade 3 · grade autograd · grade ch03.ex01 "
                  "(see `grade ch03 --help` for grading options)"),
    )
    parser.add_argument("--version", action="version", version=f"torchkata {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", parents=[common], help=tr("every kata with its status"))
    p.add_argument("targets", nargs="*", metavar="TARGET", help=tr("only these chapters or katas"))
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("progress", parents=[common], help=tr("your history: activity, streak, pass rate"))
    p.set_defaults(func=cmd_progress)
    p = sub.add_parser("hint", parents=[common], help=tr("the next hint for a kata"))
    p.add_argument("kata", metavar="KATA", help="e.g. ch03.ex01")
    p.set_defaults(func=cmd_hint)
    p = sub.add_parser("reset", parents=[common], help=tr("restore a kata's original stub (keeps a backup)"))
    p.add_argument("kata", metavar="KATA", help="e.g. ch03.ex01")
    p.add_argument("--yes", action="store_true", help=tr("do not ask"))
    p.set_defaults(func=cmd_reset)
    p = sub.add_parser("watch", parents=[common], help=tr("re-grade a kata each time you save it"))
    p.add_argument("targets", nargs="*", metavar="TARGET", help=tr("chapter or kata to start from"))
    p.set_defaults(func=cmd_watch)
    p = sub.add_parser("doctor", parents=[common], help=tr("check versions, GPU, data and state folder"))
    p.set_defaults(func=cmd_doctor)
    # Listed here for --help; each parses its own arguments (see DELEGATED).
    sub.add_parser("notebook", help="teachers: write a chapter as a Jupyter notebook (grade notebook ch03 --help)")
    sub.add_parser("batch", help="teachers: grade many submissions in parallel into a gradebook")
    sub.add_parser("merge", help="teachers: merge the gradebooks of sharded batch runs")

    p = sub.add_parser("dev", parents=[common], help="maintainer tools")
    dev = p.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    d = dev.add_parser("check", parents=[common],
                       help="prove manifests, files and signatures agree; stubs fail; solutions pass")
    d.add_argument("targets", nargs="*", metavar="CHAPTER", help="check only these chapters")
    d.add_argument("--strict", action="store_true",
                   help="also require exercises/ to equal the stubs generated from solutions/")
    d = dev.add_parser("sync", parents=[common], help="regenerate exercises/ stubs from solutions/")
    d.add_argument("targets", nargs="*", metavar="TARGET", help=tr("only these chapters or katas"))
    d.add_argument("--yes", action="store_true", help="overwrite changed exercise files without asking")
    p.set_defaults(func=cmd_dev)
    return parser


def _grade_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grade", parents=[_common()], description=tr("Grade chapters or katas."))
    parser.add_argument("targets", nargs="+", metavar="TARGET",
                        help=tr("chapter3, 3, ch03, autograd, ch03.ex01 or a kata file"))
    parser.add_argument("--source", metavar="DIR", help=tr("grade the kata files in DIR instead of exercises/"))
    parser.add_argument("--submission", metavar="PATH",
                        help="grade a student's work: a folder, a .zip or a .ipynb; only the kata files "
                        "are taken from it")
    parser.add_argument("--json", metavar="PATH", help="also write a JSON report to PATH")
    parser.add_argument("--junit", metavar="PATH", help="also write a JUnit XML report to PATH")
    parser.add_argument("--gradescope", metavar="PATH", help="also write a Gradescope results.json to PATH")
    parser.add_argument("--gradescope-visibility", default="visible",
                        choices=("visible", "hidden", "after_due_date", "after_published"),
                        help="visibility of the Gradescope results (default: visible)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help=tr("time budget per call into a kata (default: the manifest's, "
                                "e.g. 600 s for the MNIST capstone)"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=tr("folder holding MNIST/raw/ (default: $TORCHKATA_DATA, else data/)"))
    return parser


def _lang_of(argv: list[str]) -> str:
    """--lang from the command line (before parsing, so early errors speak it too)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return default_lang()


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    takes_value = {"--lang", "--source", "--submission", "--json", "--junit", "--gradescope",
                   "--gradescope-visibility", "--timeout", "--data-dir"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def run() -> None:
    """The `grade` and `python -m grader` entry point: main(), then exit."""
    exit_now(main())


def exit_now(code: int) -> None:
    """Exit with `code`. Once torch is loaded, the interpreter's teardown costs about half a
    second and does nothing this program needs: reports and the progress database are
    closed, workers are gone. So run the exit hooks (they remove multiprocessing's temporary
    folder and stop the worker template), flush the output and leave at once."""
    if "torch" in sys.modules:
        import atexit

        atexit._run_exitfuncs()  # private, but there since Python 3.0
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.current = _lang_of(argv)
    try:
        command = _first_word(argv)
        if command is not None and command not in COMMANDS:
            return cmd_grade(_grade_parser().parse_args(argv))
        if command in DELEGATED:
            import importlib

            module, function = DELEGATED[command]
            rest = list(argv)
            rest.remove(command)
            return int(getattr(importlib.import_module(f"grader.{module}"), function)(rest))
        args = _parser().parse_args(argv)
        if args.command is None:
            return cmd_overview(args)
        return int(args.func(args))
    except GradeError as e:
        print(f"grade: {t('error', i18n.current)}: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grade: interrupted", file=sys.stderr)
        return 130
    except Exception:  # a bug in the grader: say so plainly, keep the details in a file
        import traceback

        log = paths.STATE / "last-error.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"details in {log}"
        except OSError:
            where = traceback.format_exc()
        print(f"grade: internal error: {sys.exc_info()[1]!r} — this is a bug in the grader, not in "
              f"your code; {where}", file=sys.stderr)
        return 3
