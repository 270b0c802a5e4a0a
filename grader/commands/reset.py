"""`grade reset KATA`: put the original stub back (after asking; the learner's version is
kept in .grade/backups/), and start the kata again as "not started"."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import t, tr
from . import shared

NAME = "reset"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=tr("restore a kata's original stub (keeps a backup)"))
    p.add_argument("kata", metavar="KATA", help=tr("e.g. ch03.ex01"))
    p.add_argument("--yes", action="store_true", help=tr("do not ask"))


def run(args: argparse.Namespace) -> int:
    from ..reset import reset
    from ..store import StoreError

    kata = shared.one_kata(args.kata)
    if not reset(shared.console(args), kata, args.lang, assume_yes=args.yes):
        return 0  # the learner kept their version
    store = shared.open_store(args.lang)
    if store is not None:
        try:
            store.record_reset(kata.full_key)
        except StoreError as e:
            shared.warn(t("store_warning", args.lang, error=e), args.lang)
        finally:
            store.close()
    return 0
