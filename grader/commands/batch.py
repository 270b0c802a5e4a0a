"""`grade batch SUBMISSION...`: teachers grade a class into one gradebook (see batch.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import tr

NAME = "batch"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("teachers: grade many submissions in parallel into a gradebook"),
                       description="Teachers: grade many submissions, N at a time, into a gradebook.",
                       epilog="example: grade batch submissions/*.zip --targets ch01 ch03 --jobs 4 --out week3")
    p.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="a student's folder, .zip or .ipynb (one each)")
    p.add_argument("--targets", nargs="+", metavar="CH", help="chapters or katas to grade (default: all)")
    p.add_argument("--jobs", type=int, default=2, metavar="N", help="submissions graded at once (default: 2)")
    p.add_argument("--out", default="grade-batch", metavar="DIR",
                   help="output folder: gradebook.csv, students/, logs/ (default: grade-batch)")
    p.add_argument("--shard", metavar="K/N",
                   help="grade only shard K of N (by sorted name), or `auto`: K and N from a SLURM array, a "
                   "Kubernetes Indexed Job or TORCHKATA_SHARD_INDEX/COUNT; join the shards with `grade merge`")
    p.add_argument("--update", action="store_true",
                   help="regrade these submissions into an existing --out and keep everyone else's grades")
    p.add_argument("--partial", action="store_true",
                   help="a failing kata earns points in proportion to its tests passed (default: all or nothing)")
    p.add_argument("--excel", action="store_true", help="write the CSV files with a byte-order mark, for Excel")
    p.add_argument("--roster", metavar="CSV", help="also write lms-import.csv: this roster (a `submission` column "
                   "and the LMS's own ID columns) with each student's points, for a Canvas or Moodle import")
    p.add_argument("--budget", type=float, default=1800.0, metavar="SECONDS",
                   help="wall-clock limit per submission; over it the grading is killed (default: 1800)")


def run(args: argparse.Namespace) -> int:
    from ..batch import batch

    return batch([Path(s) for s in args.submissions], args.targets, args.jobs, Path(args.out), args.shard,
                 args.budget, args.no_color, update=args.update, excel=args.excel,
                 roster=Path(args.roster) if args.roster else None, partial=args.partial)
