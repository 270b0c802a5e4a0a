"""`grade` with no arguments and `grade list`: where the learner stands, from the progress
database alone (no torch import, so both answer at once)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from .i18n import t
from .manifest import Chapter, Kata
from .terminal import STYLE, TITLE_WIDTH, fit

__all__ = ["overview", "kata_list", "status_of", "next_kata"]

BAR = 20  # characters in a chapter's progress bar
CHAPTER_WIDTH = 27  # terminal columns for a chapter's title


def status_of(kata: Kata, latest: dict[str, str]) -> str:
    return latest.get(kata.full_key, "not started")


def next_kata(chapters: list[Chapter], latest: dict[str, str]) -> Kata | None:
    """The first kata in course order that is neither passed nor skipped."""
    return next(
        (k for c in chapters for k in c.katas if status_of(k, latest) not in ("passed", "skipped")), None
    )


def _bar(passed: int, total: int) -> Text:
    filled = round(BAR * passed / total) if total else 0
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR - filled), style="dim")
    return bar


def overview(console: Any, chapters: list[Chapter], latest: dict[str, str], lang: str) -> None:
    """A progress bar per chapter, the totals and the next kata to work on."""
    console.print(f"[bold]{t('overview_title', lang)}[/]\n")
    totals = {s: 0 for s in STYLE}
    for ch in chapters:
        statuses = [status_of(k, latest) for k in ch.katas]
        for s in statuses:
            totals[s] += 1
        passed, graded = statuses.count("passed"), len(statuses) - statuses.count("skipped")
        line = Text(f"  {ch.key}  ", style="bold")
        line.append(fit(ch.title.get(lang), CHAPTER_WIDTH - 1) + " ")
        line.append(_bar(passed, graded))
        line.append(f" {passed}/{graded}")
        if "failing" in statuses:
            line.append(f"  {statuses.count('failing')} {t('failing', lang)}", style="red")
        console.print(line)
    console.print()
    console.print(t("overview_totals", lang, passed=totals["passed"], failing=totals["failing"],
                    not_started=totals["not started"], skipped=totals["skipped"]))
    upcoming = next_kata(chapters, latest)
    if upcoming is None:
        console.print(t("overview_done", lang), style="green")
    else:
        console.print(t("overview_next_kata", lang, key=upcoming.key, title=upcoming.title.get(lang),
                        command=f"grade {upcoming.key}"), style="bold")
    console.print(t("overview_help", lang), style="dim")


def kata_list(console: Any, chapters: list[Chapter], latest: dict[str, str], lang: str,
              wanted: set[str] | None = None) -> None:
    """Every kata (or those in `wanted`) with its status."""
    for ch in chapters:
        katas = [k for k in ch.katas if wanted is None or k.full_key in wanted]
        if not katas:
            continue
        console.print(f"[bold]{ch.key} · {ch.title.get(lang)}[/]")
        for k in katas:
            status = status_of(k, latest)
            mark, color = STYLE[status]
            line = Text(f"  {mark} ", style=color)
            line.append(f"{k.key}  {fit(k.title.get(lang), TITLE_WIDTH)} ")
            line.append(t(status, lang), style=color)
            for marker in k.markers:
                line.append(f" [{marker}]", style="dim")
            console.print(line)
