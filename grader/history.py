"""`grade progress`: an activity calendar, streak, first-try pass rate, katas passed and
time spent per chapter, drawn in the terminal from the progress database.

The calendar reads like a contributions graph: one column per week, Monday to Sunday from
top to bottom, the last column holding today, each day shaded by how many katas were graded
then. Without colours (not a terminal, --no-color) the shades are plain characters, so that
a log or a screen reader still tells the days apart. Titles are aligned by display width:
a Chinese character takes two columns.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from .i18n import t
from .manifest import Chapter
from .overview import status_of
from .plot import is_plain
from .store import Attempt

__all__ = ["show_progress", "streak", "first_try", "calendar", "shade", "heatmap", "chapter_bars"]

WEEKS = 26  # columns of the activity calendar
WIDTH = 30  # characters in a bar at its longest
TITLE = 28  # display columns given to a chapter's title at most
SHADES = ("grey30", "dark_green", "green4", "green3", "green1")  # no attempts, then quarters of the busiest day
PLAIN_SHADES = ".:+*#"


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


def calendar(today: dt.date, weeks: int = WEEKS) -> list[list[dt.date]]:
    """The days of the calendar as `weeks` columns of seven, Monday first; the last column
    is today's week (its days after today are drawn blank)."""
    first = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    return [[first + dt.timedelta(days=7 * w + d) for d in range(7)] for w in range(weeks)]


def shade(count: int, peak: int) -> int:
    """0 for a day without attempts, else 1 to 4: the quarter of the busiest day it reaches."""
    return 0 if count <= 0 else min(4, max(1, math.ceil(4 * count / peak)))


def heatmap(per_day: Counter[dt.date], today: dt.date, lang: str, plain: bool) -> list[Text]:
    """The calendar's lines: month names above the week where a month begins, a row per
    weekday, then the legend."""
    weeks = calendar(today)
    names = t("progress_weekdays", lang).split()
    months = t("progress_months", lang).split()
    left = max(map(cell_len, names)) + 1
    peak = max((per_day.get(day, 0) for week in weeks for day in week), default=0) or 1

    def cell(level: int) -> Text:
        return Text(PLAIN_SHADES[level] + " ") if plain else Text("■ ", style=SHADES[level])

    top = ""
    for column, week in enumerate(weeks):
        first = next((day for day in week if day.day == 1), None)
        if first is not None:  # months are four weeks or more apart: the names never overlap
            top += " " * (left + 2 * column - cell_len(top)) + months[first.month - 1]
    lines = [Text(top)]
    for row, name in enumerate(names):
        line = Text().append(set_cell_size(name, left), style="dim")
        for week in weeks:
            day = week[row]
            line.append(cell(shade(per_day.get(day, 0), peak)) if day <= today else Text("  "))
        lines.append(line)
    legend = Text(" " * left + t("progress_less", lang) + " ")
    for level in range(len(SHADES)):
        legend.append(cell(level))
    legend.append(t("progress_more", lang))
    lines.append(legend)
    return lines


def chapter_bars(chapters: list[Chapter], latest: dict[str, str], lang: str, plain: bool) -> list[Text]:
    """A bar per chapter: katas passed out of those graded here (skipped ones count apart)."""
    titles = [ch.title.get(lang) for ch in chapters]
    width = min(TITLE, max(map(cell_len, titles), default=0))
    lines = []
    for ch, title in zip(chapters, titles, strict=True):
        statuses = [status_of(k, latest) for k in ch.katas]
        passed, total = statuses.count("passed"), len(statuses) - statuses.count("skipped")
        filled = round(WIDTH * passed / total) if total else 0
        line = Text(f"  {ch.key}  ", style="bold")
        line.append(set_cell_size(title, width) + " ")
        line.append(("#" if plain else "█") * filled, style="green")
        line.append(("." if plain else "░") * (WIDTH - filled), style="dim")
        line.append(f" {passed}/{total}")
        lines.append(line)
    return lines


def show_progress(console: Any, attempts: list[Attempt], hints: int, lang: str, *, chapters: list[Chapter],
                  latest: dict[str, str], today: dt.date | None = None) -> None:
    """Everything `grade progress` shows; `latest` is each kata's status (Store.latest)."""
    if not attempts:
        console.print(t("progress_none", lang))
        return
    plain = is_plain(console)
    today = today or dt.datetime.now().astimezone().date()
    per_day = Counter(a.at.astimezone().date() for a in attempts if a.status != "not started")
    console.print(f"[bold]{t('progress_calendar', lang, weeks=WEEKS)}[/]")
    for line in heatmap(per_day, today, lang, plain):
        console.print(line, no_wrap=True, crop=True)
    console.print()
    console.print(t("progress_streak", lang, days=streak(set(per_day), today)))
    passed, total = first_try(attempts)
    rate = f"{passed / total:.0%}" if total else "–"
    console.print(t("progress_first_try", lang, rate=rate, passed=passed, total=total))
    console.print(t("progress_hints", lang, count=hints))
    if chapters:
        console.print(f"\n[bold]{t('progress_chapters', lang)}[/]")
        for line in chapter_bars(chapters, latest, lang, plain):
            console.print(line, no_wrap=True, crop=True)
    spent: dict[str, float] = defaultdict(float)
    for a in attempts:
        spent[a.kata.split(".")[0]] += a.duration
    console.print(f"\n[bold]{t('progress_time', lang)}[/]")
    longest = max(spent.values()) or 1.0
    for chapter, seconds in sorted(spent.items()):
        bar = ("#" if plain else "█") * max(1, round(WIDTH * seconds / longest))
        minutes = t("progress_minutes", lang, minutes=seconds / 60)
        console.print(Text(f"  {chapter[:4]} ").append(bar, style="cyan").append(f" {minutes}"))
