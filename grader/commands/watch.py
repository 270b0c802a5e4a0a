"""`grade watch [TARGET]`: re-grade the current kata each time it is saved."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "watch"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("re-grade a kata each time you save it"))
    p.add_argument("targets", nargs="*", metavar="TARGET", help=tr("chapter or kata to start from"))
    p.add_argument("--poll", action="store_true",
                   help=tr("look at the kata file every 0.5 s instead of waiting for file events (WSL on a "
                           "Windows drive, a network folder)"))


def run(args: argparse.Namespace) -> int:
    from ..watch import watch

    return watch(shared.console(args), shared.chapters(), args.targets, args.lang, poll=args.poll)
