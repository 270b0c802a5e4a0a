"""`grade batch SUBMISSION...`: teachers grade a class into one gradebook (see batch.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

NAME = "batch"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help="teachers: grade many submissions in parallel into a gradebook",
                       description="Teachers: grade many submissions, N at a time, into a gradebook.",
                       epilog="example: grade batch submissions/*.zip --targets ch01 ch03 --jobs 4 --out week3")
    p.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="a student's folder, .zip or .ipynb (one each)")
    p.add_argument("--targets", nargs="+", metavar="CH", help="chapters or katas to grade (default: all)")
    p.add_argument("--jobs", type=int, default=2, metavar="N", help="submissions graded at once (default: 2)")
    p.add_argument("--out", default="grade-batch", metavar="DIR",
                   help="output folder: gradebook.csv, students/, logs/ (default: grade-batch)")
    p.add_argument("--shard", metavar="K/N",
                   help="grade only shard K of N (by sorted name); join the shards with `grade merge`")
    p.add_argument("--budget", type=float, default=1800.0, metavar="SECONDS",
                   help="wall-clock limit per submission; over it the grading is killed (default: 1800)")


def run(args: argparse.Namespace) -> int:
    from ..batch import batch

    return batch([Path(s) for s in args.submissions], args.targets, args.jobs, Path(args.out), args.shard,
                 args.budget, args.no_color)
