"""The `grade` command line. Heavy imports (torch, pytest) happen inside the commands that
need them, so `grade --help` and `grade list` answer at once.

    grade                      overview of every chapter
    grade TARGET...            grade chapters or katas (chapter3, 3, ch03, autograd, ch03.ex01)
    grade list [TARGET...]     every kata with its title
    grade dev check [--strict] maintainer check: manifests, files, stubs fail, solutions pass
    grade dev sync             regenerate exercises/ stubs from solutions/ (asks first)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import __version__, paths
from .errors import GradeError
from .i18n import LANGS, default_lang, t

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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


def cmd_grade(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from .discovery import resolve
    from .runner import grade_katas
    from .terminal import KataPrinter, chapter_summary, describe_progress

    chapters = _chapters()
    katas = resolve(args.targets, chapters)
    source = Path(args.source) if args.source else paths.EXERCISES
    if not source.is_dir():
        raise GradeError(f"--source must be a folder laid out like exercises/ (got {source})")
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
            total = event.get("batches")
            done = event.get("batch")
            progress.update(training[key], description=describe_progress(key, event),
                            total=total if isinstance(total, int) else None,
                            completed=done if isinstance(done, int) else 0)

        data_dir = Path(args.data_dir) if args.data_dir else None
        results = grade_katas(katas, source, on_result, on_progress, args.timeout, data_dir)
    if args.json:
        from . import report_json

        report_json.write(Path(args.json), katas, results, source)
    console.print()
    for chapter in chapters:
        if any(r.full_key.startswith(chapter.id + ".") for r in results):
            console.print(chapter_summary(chapter, results, args.lang))
    todo = [r for r in results if r.status in ("failing", "not started")]
    if not todo:
        console.print(t("all_passed", args.lang), style="green")
        return EXIT_OK
    first = next(k for k in katas if k.full_key == todo[0].full_key)
    path = source / first.path
    console.print(t("next_step", args.lang, path=path, command=f"grade {first.key}"), style="dim")
    return EXIT_FAILED


def cmd_overview(args: argparse.Namespace) -> int:
    console = _console(args)
    chapters = _chapters()
    console.print(f"[bold]{t('overview_title', args.lang)}[/]\n")
    for ch in chapters:
        console.print(
            f"  [bold]{ch.key}[/]  {ch.title.get(args.lang):<28} "
            f"[dim]{len(ch.katas)} {t('katas', args.lang)}[/]"
        )
    console.print()
    if chapters:
        console.print(t("overview_next", args.lang, command=f"grade {chapters[0].key}"))
    console.print(t("overview_help", args.lang), style="dim")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .discovery import resolve

    chapters = _chapters()
    wanted = {k.full_key for k in resolve(args.targets, chapters)} if args.targets else None
    console = _console(args)
    for ch in chapters:
        katas = [k for k in ch.katas if wanted is None or k.full_key in wanted]
        if not katas:
            continue
        console.print(f"[bold]{ch.key} · {ch.title.get(args.lang)}[/]")
        for k in katas:
            tags = "".join(f" [{m}]" for m in k.markers)
            console.print(f"  {k.key}  {k.title.get(args.lang)}[dim]{tags}[/]")
    return EXIT_OK


def cmd_dev(args: argparse.Namespace) -> int:
    from . import devcheck

    console = _console(args)
    if args.dev_command == "check":
        ok = devcheck.check(console, strict=args.strict, targets=args.targets)
        return EXIT_OK if ok else EXIT_FAILED
    return devcheck.sync(console, assume_yes=args.yes, targets=args.targets)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help="language of messages and kata texts (default: from the locale)")
    common.add_argument("--no-color", action="store_true", help="plain output without colours")

    parser = argparse.ArgumentParser(
        prog="grade", parents=[common],
        description="Grade your PyTorch katas. With no arguments, show an overview.",
        epilog="examples: grade chapter3 · grade 3 · grade autograd · grade ch03.ex01 · grade list",
    )
    parser.add_argument("--version", action="version", version=f"torchkata {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", parents=[common], help="list katas, optionally of some chapters")
    p.add_argument("targets", nargs="*", metavar="TARGET")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("dev", parents=[common], help="maintainer tools")
    dev = p.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    d = dev.add_parser("check", parents=[common],
                       help="prove manifests, files and signatures agree; stubs fail; solutions pass")
    d.add_argument("targets", nargs="*", metavar="CHAPTER", help="check only these chapters")
    d.add_argument("--strict", action="store_true",
                   help="also require exercises/ to equal the stubs generated from solutions/")
    d = dev.add_parser("sync", parents=[common], help="regenerate exercises/ stubs from solutions/")
    d.add_argument("targets", nargs="*", metavar="TARGET", help="only these chapters or katas")
    d.add_argument("--yes", action="store_true", help="overwrite changed exercise files without asking")
    p.set_defaults(func=cmd_dev)
    return parser


def _grade_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grade", description="Grade chapters or katas.")
    parser.add_argument("targets", nargs="+", metavar="TARGET",
                        help="chapter3, 3, ch03, autograd, ch03.ex01 or a kata file")
    parser.add_argument("--lang", choices=LANGS, default=default_lang())
    parser.add_argument("--no-color", action="store_true")
    parser.add_argument("--source", metavar="DIR",
                        help="grade the kata files in DIR instead of exercises/")
    parser.add_argument("--json", metavar="PATH", help="also write a JSON report to PATH")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="time budget per call into a kata (default: the manifest's, "
                        "e.g. 600 s for the MNIST capstone)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder holding MNIST/raw/ (default: $TORCHKATA_DATA, else data/)")
    return parser


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    takes_value = {"--lang", "--source", "--json", "--timeout", "--data-dir"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    try:
        command = _first_word(argv)
        if command is not None and command not in ("list", "dev"):
            args = _grade_parser().parse_args(argv)
            return cmd_grade(args)
        args = parser.parse_args(argv)
        if args.command is None:
            return cmd_overview(args)
        return int(args.func(args))
    except GradeError as e:
        print(f"grade: {t('error', default_lang())}: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grade: interrupted", file=sys.stderr)
        return 130
