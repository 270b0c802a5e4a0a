"""`grade progress`: activity per day, streak, first-try pass rate, time per chapter."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "progress"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(NAME, parents=[common], help=tr("your history: activity, streak, pass rate"))


def run(args: argparse.Namespace) -> int:
    from ..history import show_progress

    store = shared.open_store(args.lang)
    if store is None:
        return 1
    try:
        show_progress(shared.console(args), store.attempts(), store.hint_count(), args.lang,
                      chapters=shared.chapters(), latest=store.latest())
    finally:
        store.close()
    return 0
