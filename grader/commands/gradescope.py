"""`grade gradescope build TARGET... -o autograder.zip`: the zip to upload to Gradescope
(see gradescope_build.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import tr

NAME = "gradescope"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("teachers: build the autograder zip for Gradescope"),
                       description="Teachers: build the autograder zip Gradescope expects.",
                       epilog="example: grade gradescope build ch01 ch02 ch03 -o autograder.zip")
    actions = p.add_subparsers(dest="gradescope_command", metavar="ACTION", required=True)
    b = actions.add_parser("build", parents=[common], help=tr("write the autograder zip for these chapters or katas"))
    b.add_argument("targets", nargs="+", metavar="TARGET", help=tr("chapters or katas the assignment grades"))
    b.add_argument("-o", "--out", default="autograder.zip", metavar="ZIP", help="where to write the zip "
                   "(default: autograder.zip)")
    b.add_argument("--include-cuda", action="store_true",
                   help="keep CUDA katas (Gradescope has no GPU: they would only be skipped)")
    b.add_argument("--visibility", default="visible", choices=("visible", "hidden", "after_due_date",
                                                                "after_published"),
                   help="when students see their results (default: visible)")
    b.add_argument("--wheels", default=None, metavar="URL",
                   help="the index to install torch from (default: PyTorch's CPU wheels)")
    b.add_argument("--allow-unconfined", action="store_true",
                   help="grade even where workers cannot be confined (submissions could then read the "
                   "hidden tests and solutions)")


def run(args: argparse.Namespace) -> int:
    from ..discovery import resolve
    from ..gradescope_build import CPU_WHEELS, build
    from .shared import chapters

    katas = resolve(args.targets, chapters())
    out = Path(args.out)
    chosen = build(katas, out, include_cuda=args.include_cuda, visibility=args.visibility,
                   wheels=args.wheels or CPU_WHEELS, allow_unconfined=args.allow_unconfined)
    left = len(katas) - len(chosen)
    print(f"wrote {out}: {len(chosen)} katas, {sum(k.points for k in chosen)} points"
          + (f"; {left} CUDA katas left out (--include-cuda keeps them)" if left else ""))
    return 0
