"""`grade notebook CHAPTER`: write a chapter as a Jupyter notebook (see notebook.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import tr

NAME = "notebook"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("teachers: write a chapter as a Jupyter notebook"),
                       description=tr("Write a chapter's katas as a Jupyter notebook."))
    p.add_argument("chapter", metavar="CHAPTER", help=tr("chapter3, 3, ch03 or autograd"))
    p.add_argument("--out", metavar="DIR", default=".", help=tr("folder to write the notebook to (default: .)"))
    p.add_argument("--force", action="store_true", help=tr("replace an existing notebook (its work is lost)"))
    p.add_argument("--mine", action="store_true",
                   help=tr("start from your own files in exercises/, with the hints, grading into your progress"))
    p.add_argument("--import", dest="import_from", metavar="NOTEBOOK",
                   help=tr("bring a notebook's answers back into exercises/ (asks before replacing a file)"))
    p.add_argument("--yes", action="store_true", help=tr("do not ask"))


def run(args: argparse.Namespace) -> int:
    from ..notebook import chapter_of, export, import_answers

    if args.import_from is None:
        print(export(args.chapter, args.lang, Path(args.out), overwrite=args.force, mine=args.mine))
        return 0
    lines = import_answers(Path(args.import_from), chapter_of(args.chapter, args.lang), args.lang,
                           lambda kata, path: _ask(kata, path, args.lang, args.yes))
    for line in lines:
        print(line)
    return 0


def _ask(kata: Any, path: Path, lang: str, assume_yes: bool) -> bool:
    """Replace the learner's `path` with the notebook's cell? Never without a yes."""
    import sys

    from ..i18n import t

    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print(t("nb_import_no_tty", lang, key=kata.key, path=path))
        return False
    return input(t("nb_import_ask", lang, key=kata.key, path=path)).strip().lower() in ("y", "yes")
