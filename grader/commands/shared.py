"""What several commands need: the console, the course's chapters, the progress database.

Kept free of heavy imports: `grade list` and the overview must answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import Any

from .. import i18n, paths
from ..errors import GradeError
from ..i18n import LANGS, default_lang, t, tr

__all__ = ["common_options", "console", "chapters", "one_kata", "open_store", "latest", "save_results", "warn"]


def common_options(suppress: bool = False) -> argparse.ArgumentParser:
    """--lang and --no-color. On subcommands their defaults are suppressed, so that
    `grade --lang zh list` and `grade list --lang zh` mean the same."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS if suppress else default_lang(),
                        help=tr("language of messages and kata texts (default: from the locale)"))
    common.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help=tr("plain output without colours"))
    return common


def console(args: argparse.Namespace) -> Any:
    from rich.console import Console

    return Console(highlight=False, no_color=args.no_color or None)


def warn(message: str, lang: str) -> None:
    print(f"grade: {t('warning', lang)}: {message}", file=sys.stderr)


def chapters() -> list[Any]:
    """Every chapter that loads; a broken manifest is a warning, not the end of grading."""
    from ..manifest import load_chapters

    problems: list[Any] = []
    found = load_chapters(paths.EXERCISES, problems)
    for problem in problems:
        print(i18n.say(f"grade: warning: chapter left out: {problem}", f"grade：警告：这一章没有加载：{problem}"),
              file=sys.stderr)
    return found


def one_kata(target: str) -> Any:
    from ..discovery import resolve

    katas = resolve([target], chapters())
    if len(katas) != 1:
        raise GradeError(t("names_many", i18n.language(), target=target, count=len(katas), example=katas[0].key))
    return katas[0]


def open_store(lang: str) -> Any:
    """The progress database, or None (with a warning) when it cannot be opened."""
    from ..store import Store, StoreError

    try:
        return Store(paths.STATE / "progress.db", warn=lambda message: warn(message, lang))
    except (StoreError, OSError) as e:
        warn(t("store_warning", lang, error=e), lang)
        return None


def from_store(lang: str, read: Callable[[Any], Any], default: Any) -> Any:
    """`read(store)` on the progress database, closed afterwards; `default` when it cannot be opened."""
    store = open_store(lang)
    if store is None:
        return default
    try:
        return read(store)
    finally:
        store.close()


def latest(lang: str) -> dict[str, str]:
    """Each kata's latest status (Store.latest)."""
    return from_store(lang, lambda store: store.latest(), {})


def save_results(results: Iterable[Any], lang: str, hashes: dict[str, str | None] | None = None) -> None:
    """Record the verdicts of the learner's own exercises (never a submission's); `hashes`:
    each kata file's sha256 before it was graded (see Store.record)."""
    import torch

    from ..store import StoreError

    results = list(results)
    store = open_store(lang) if results else None
    if store is None:
        return
    try:
        store.record(results, torch.__version__, hashes)
    except StoreError as e:
        warn(t("store_warning", lang, error=e), lang)
    finally:
        store.close()
