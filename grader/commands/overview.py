"""`grade` with no arguments: progress per chapter and the next kata to work on."""

from __future__ import annotations

import argparse

from . import shared


def run(args: argparse.Namespace) -> int:
    from ..overview import overview

    overview(shared.console(args), shared.chapters(), shared.latest(args.lang), args.lang)
    return 0
