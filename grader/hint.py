"""`grade hint KATA`: the manifest's hints, one tier more each time, recorded in the store."""

from __future__ import annotations

from typing import Any

from . import paths
from .i18n import t
from .manifest import Kata
from .store import Store

__all__ = ["show_hint"]


def show_hint(console: Any, kata: Kata, store: Store | None, lang: str, again: str = "hint_more") -> int:
    """Show the next hint for `kata`; returns the tier shown (1 = first)."""
    shown = store.hints_shown(kata.full_key) if store else 0
    tier = min(shown + 1, len(kata.hints))
    console.print(t("hint_header", lang, tier=tier, total=len(kata.hints), key=kata.key,
                    title=kata.title.get(lang)), style="bold")
    console.print(f"  {kata.goal.get(lang)}", style="dim")
    for n in range(1, tier + 1):
        style = "" if n == tier else "dim"
        console.print(f"  {n}. {kata.hints[n - 1].get(lang)}", style=style)
    if tier == len(kata.hints):
        console.print(t("hint_last", lang, path=paths.SOLUTIONS / kata.path), style="dim")
    else:
        console.print(t(again, lang), style="dim")
    if store and tier > shown:
        store.record_hint(kata.full_key, tier)
    return tier
