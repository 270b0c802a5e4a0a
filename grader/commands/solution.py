"""`grade solution KATA`: the reference solution with its worked explanation, once the kata
is passed, or after its last hint and a yes (`--yes` answers for the learner).

Exit codes: 0 the solution was shown, 1 it was not (not yet allowed, or the learner said no).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import t, tr
from . import shared

NAME = "solution"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("the reference solution of a kata, explained"))
    p.add_argument("kata", metavar="KATA", help=tr("e.g. ch03.ex01"))
    p.add_argument("--yes", action="store_true", help=tr("show it without asking, even before you pass"))


def run(args: argparse.Namespace) -> int:
    from ..solution import may_show_early, show_solution
    from ..store import StoreError

    kata = shared.one_kata(args.kata)
    console = shared.console(args)
    store = shared.open_store(args.lang)
    try:
        passed = store is not None and store.latest().get(kata.full_key) == "passed"
        if not passed and not may_show_early(console, kata, store, args.lang, assume_yes=args.yes):
            return 1
        show_solution(console, kata, args.lang)
        if store is not None:
            store.record_solution(kata.full_key, passed)
    except StoreError as e:
        shared.warn(t("store_warning", args.lang, error=e), args.lang)
    finally:
        if store is not None:
            store.close()
    return 0
