"""`grade merge DIR... --out DIR`: join the outputs of sharded `grade batch` runs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import tr

NAME = "merge"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("teachers: merge the gradebooks of sharded batch runs"),
                       description="Teachers: merge the outputs of sharded `grade batch` runs.",
                       epilog="example: grade merge shard1 shard2 shard3 --out week3")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="a `grade batch --out` folder")
    p.add_argument("--out", required=True, metavar="DIR", help="where the merged gradebook.csv goes")
    p.add_argument("--excel", action="store_true", help="write the CSV files with a byte-order mark, for Excel")
    p.add_argument("--roster", metavar="CSV", help="also write lms-import.csv from this roster (see `grade batch`)")


def run(args: argparse.Namespace) -> int:
    from ..batch import merge

    return merge([Path(d) for d in args.dirs], Path(args.out), args.excel,
                 Path(args.roster) if args.roster else None)
