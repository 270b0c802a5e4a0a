"""`grade hint KATA`: the manifest's hints, one tier more each time, recorded in the store.

Hints come in three tiers, so that a learner takes only as much help as they need: the
concept (what to think about), the approach (which functions, in which order), the
near-solution (close to the line itself). The last one points to `grade solution`.
"""

from __future__ import annotations

from typing import Any

from .i18n import t
from .manifest import Kata
from .store import Store

__all__ = ["show_hint", "tier_name"]


def tier_name(tier: int, total: int, lang: str) -> str:
    """What a hint gives: the first is the concept, the last the near-solution, any between
    the approach (so a kata with two hints still reads sensibly)."""
    key = "hint_concept" if tier == 1 else "hint_near" if tier == total else "hint_approach"
    return t(key, lang)


def show_hint(console: Any, kata: Kata, store: Store | None, lang: str, again: str = "hint_more") -> int:
    """Show the next hint for `kata`; returns the tier shown (1 = first)."""
    shown = store.hints_shown(kata.full_key) if store else 0
    total = len(kata.hints)
    tier = min(shown + 1, total)
    console.print(t("hint_header", lang, tier=tier, total=total, tier_name=tier_name(tier, total, lang),
                    key=kata.key, title=kata.title.get(lang)), style="bold", markup=False)
    console.print(f"  {kata.goal.get(lang)}", style="dim", markup=False)
    for n in range(1, tier + 1):  # hints are plain text: "x[:, None]" is no rich markup
        style = "" if n == tier else "dim"
        console.print(f"  {n}. {kata.hints[n - 1].get(lang)}", style=style, markup=False)
    if tier == total:
        console.print(t("hint_last", lang, key=kata.key), style="dim", markup=False)
    else:
        console.print(t(again, lang), style="dim", markup=False)
    if store and tier > shown:
        store.record_hint(kata.full_key, tier)
    return tier
