"""`grade notebook CHAPTER`: write a chapter as a Jupyter notebook (see notebook.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

NAME = "notebook"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help="teachers: write a chapter as a Jupyter notebook",
                       description="Write a chapter's katas as a Jupyter notebook.")
    p.add_argument("chapter", metavar="CHAPTER", help="chapter3, 3, ch03 or autograd")
    p.add_argument("--out", metavar="DIR", default=".", help="folder to write the notebook to (default: .)")
    p.add_argument("--force", action="store_true", help="replace an existing notebook (its work is lost)")


def run(args: argparse.Namespace) -> int:
    from ..notebook import export

    print(export(args.chapter, args.lang, Path(args.out), overwrite=args.force))
    return 0
