"""`grade hint KATA`: the next hint, gentle first, then explicit."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "hint"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("the next hint for a kata"))
    p.add_argument("kata", metavar="KATA", help=tr("e.g. ch03.ex01"))


def run(args: argparse.Namespace) -> int:
    from ..hint import show_hint

    kata = shared.one_kata(args.kata)
    store = shared.open_store(args.lang)
    try:
        show_hint(shared.console(args), kata, store, args.lang)
    finally:
        if store:
            store.close()
    return 0
