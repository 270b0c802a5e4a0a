"""The `grade` command line: a thin dispatcher over `grader.commands`.

    grade                        overview: progress per chapter and the next kata
    grade TARGET...              grade chapters or katas (chapter3, 3, ch03, autograd, ch03.ex01)
    grade list [TARGET...]       every kata with its status
    grade progress               history: activity per day, streak, first-try pass rate
    grade hint KATA              the next hint for a kata
    grade solution KATA          the reference solution, explained (once passed, or after every hint)
    grade reset KATA             put a kata's original stub back (asks; keeps a backup)
    grade watch [TARGET]         re-grade on save, move on when a kata passes
    grade doctor                 check this machine: versions, GPU, data, state folder
    grade notebook|batch|merge   teachers' tools
    grade dev check|sync         maintainer tools

Each subcommand is a module of `grader.commands` with `add_parser` and `run(args) -> int`;
heavy imports (torch, pytest) happen inside `run`, so `--help`, `list` and the overview
answer at once. One way out: `main` returns an exit code and prints every error once.

Exit codes: 0 every graded kata passed (one that needs a GPU may be skipped), 1 some
failed, 2 a usage or configuration error (an unknown chapter, a submission that cannot be
read, the course's data missing), 3 a bug in the grader, 128 + N stopped by signal N
(130 Ctrl-C, 143 SIGTERM, 129 a closed terminal).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from . import __version__, i18n, paths
from .argparser import Parser
from .commands import (
    batch,
    dev,
    doctor,
    grade,
    gradescope,
    hint,
    listing,
    merge,
    notebook,
    overview,
    progress,
    reset,
    shared,
    solution,
    watch,
)
from .errors import GradeError, Interrupted
from .i18n import LANGS, default_lang, t, tr

__all__ = ["exit_now", "main", "run", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERNAL"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
SUBCOMMANDS = {m.NAME: m for m in (listing, progress, hint, solution, reset, watch, doctor, notebook, batch, merge,
                                    gradescope, dev)}


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="grade", parents=[shared.common_options()],
        description=tr("Grade your PyTorch katas. With no arguments, show your progress."),
        epilog=tr("grade a chapter or kata: grade chapter3 · grade 3 · grade autograd · grade ch03.ex01 "
                  "(see `grade ch03 --help` for grading options)"),
    )
    parser.add_argument("--version", action="version", version=f"torchkata {__version__}",
                        help=tr("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = shared.common_options(suppress=True)
    for module in SUBCOMMANDS.values():
        module.add_parser(sub, common)
    return parser


def _lang_of(argv: list[str]) -> str:
    """--lang from the command line, wherever it stands (before parsing, so that help texts
    and early errors speak it too)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return default_lang()


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in grade.TAKES_VALUE or arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code (see the module docstring)."""
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(_lang_of(argv))
    try:
        word = _first_word(argv)
        if word is not None and word not in SUBCOMMANDS:
            args = grade.build_parser().parse_args(argv)
            return grade.run(args)
        args = _parser().parse_args(argv)
        args.lang = getattr(args, "lang", i18n.language())
        module = SUBCOMMANDS.get(args.command) if args.command else overview
        return int(module.run(args))  # type: ignore[union-attr]
    except SystemExit as e:  # argparse: --help (0) or a usage error (2, already printed)
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    except GradeError as e:
        print(f"grade: {t('error', i18n.language())}: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as e:
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        print(f"grade: {t('interrupted_plain', i18n.language())}", file=sys.stderr)
        return 128 + int(signum)
    except Exception:  # a bug in the grader: say so plainly, keep the details in a file
        return _internal_error()


def _internal_error() -> int:
    import traceback

    log = paths.STATE / "last-error.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        where = i18n.say(f"details in {log}", f"详情见 {log}")
    except OSError:
        where = traceback.format_exc()
    error = repr(sys.exc_info()[1])
    print(i18n.say(f"grade: internal error: {error} — this is a bug in the grader, not in your code; {where}",
                   f"grade：内部错误：{error}——这是评分器的 bug，不是你代码的问题；{where}"), file=sys.stderr)
    return EXIT_INTERNAL


def _stop(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def run() -> None:
    """The `grade` and `python -m grader` entry point: main(), then exit. A closed terminal
    (SIGHUP) or a cancelled job (SIGTERM) stops a run the way Ctrl-C does; output that no one
    reads any more (`grade | head`) is dropped without stopping anything."""
    from .streams import guard_output

    guard_output()
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, _stop)
    exit_now(main())


def exit_now(code: int) -> None:
    """Exit with `code`. Once torch is loaded, the interpreter's teardown costs about half a
    second and does nothing this program needs: reports and the progress database are
    closed, workers are gone. So run the exit hooks (they stop the worker template and
    remove temporary folders), flush the output and leave at once."""
    if "torch" in sys.modules:
        import atexit

        atexit._run_exitfuncs()  # private, but there since Python 3.0
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
