"""`grade progress`: activity per day, streak, first-try pass rate and time per chapter,
drawn in the terminal from the progress database."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from rich.text import Text

from .i18n import t
from .store import Attempt

__all__ = ["show_progress", "streak", "first_try"]

DAYS = 14
WIDTH = 30


def streak(days_active: set[dt.date], today: dt.date) -> int:
    """Days in a row with activity, ending today (or yesterday, if nothing yet today)."""
    day = today if today in days_active else today - dt.timedelta(days=1)
    count = 0
    while day in days_active:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def first_try(attempts: list[Attempt]) -> tuple[int, int]:
    """(katas passed on their first real attempt, katas attempted), ignoring not-started runs."""
    first: dict[str, str] = {}
    for a in attempts:
        if a.status in ("passed", "failing"):
            first.setdefault(a.kata, a.status)
    return sum(s == "passed" for s in first.values()), len(first)


def show_progress(console: Any, attempts: list[Attempt], hints: int, lang: str,
                  today: dt.date | None = None) -> None:
    if not attempts:
        console.print(t("progress_none", lang))
        return
    today = today or dt.datetime.now().astimezone().date()
    local_days = [a.at.astimezone().date() for a in attempts if a.status != "not started"]
    per_day = Counter(local_days)
    console.print(f"[bold]{t('progress_activity', lang, days=DAYS)}[/]")
    peak = max(per_day.values(), default=1)
    for back in range(DAYS - 1, -1, -1):
        day = today - dt.timedelta(days=back)
        n = per_day.get(day, 0)
        line = Text(f"  {day:%m-%d} ")
        line.append("█" * max(1 if n else 0, round(WIDTH * n / peak)), style="green")
        line.append(f" {n}" if n else "", style="dim")
        console.print(line)
    console.print()
    console.print(t("progress_streak", lang, days=streak(set(per_day), today)))
    passed, total = first_try(attempts)
    rate = f"{passed / total:.0%}" if total else "–"
    console.print(t("progress_first_try", lang, rate=rate, passed=passed, total=total))
    console.print(t("progress_hints", lang, count=hints))
    spent: dict[str, float] = defaultdict(float)
    for a in attempts:
        spent[a.kata.split(".")[0]] += a.duration
    console.print(f"\n[bold]{t('progress_time', lang)}[/]")
    longest = max(spent.values())
    for chapter, seconds in sorted(spent.items()):
        bar = "█" * max(1, round(WIDTH * seconds / longest))
        console.print(f"  {chapter[:4]} [cyan]{bar}[/] {seconds / 60:.1f} min")
