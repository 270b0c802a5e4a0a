"""`grade dev check|sync`: maintainer tools (see devcheck.py)."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "dev"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("maintainer tools"))
    dev = p.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    d = dev.add_parser("check", parents=[common],
                       help="prove manifests, files and signatures agree; stubs fail; solutions pass")
    d.add_argument("targets", nargs="*", metavar="CHAPTER", help="check only these chapters")
    d.add_argument("--strict", action="store_true",
                   help="also require exercises/ to equal the stubs generated from solutions/")
    d = dev.add_parser("sync", parents=[common], help="regenerate exercises/ stubs from solutions/")
    d.add_argument("targets", nargs="*", metavar="TARGET", help=tr("only these chapters or katas"))
    d.add_argument("--yes", action="store_true", help="overwrite changed exercise files without asking")


def run(args: argparse.Namespace) -> int:
    from .. import devcheck

    console = shared.console(args)
    if args.dev_command == "check":
        return 0 if devcheck.check(console, strict=args.strict, targets=args.targets) else 1
    return devcheck.sync(console, assume_yes=args.yes, targets=args.targets)
