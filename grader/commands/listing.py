"""`grade list [TARGET...]`: every kata with its status."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "list"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("every kata with its status"))
    p.add_argument("targets", nargs="*", metavar="TARGET", help=tr("only these chapters or katas"))


def run(args: argparse.Namespace) -> int:
    from ..discovery import resolve
    from ..overview import kata_list

    chapters = shared.chapters()
    wanted = {k.full_key for k in resolve(args.targets, chapters)} if args.targets else None
    kata_list(shared.console(args), chapters, shared.latest(args.lang), args.lang, wanted)
    return 0
