"""Rich terminal output: one line per kata as its verdict lands, explanations under
failures, and a summary line per chapter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from .i18n import say, t
from .manifest import Chapter, Kata
from .plot import show_curve
from .results import STATUSES, KataResult

__all__ = ["KataPrinter", "chapter_summary", "fit", "STYLE", "TITLE_WIDTH"]

STYLE = {
    "passed": ("✓", "green"),
    "failing": ("✗", "red"),
    "not started": ("·", "yellow"),
    "skipped": ("↷", "cyan"),
}
MAX_LINES = 25  # lines of explanation or output shown per kata
TITLE_WIDTH = 40  # terminal columns for a kata's title, so that statuses line up


# Control characters (escape sequences, carriage returns) in what a kata printed or raised
# are shown as \xNN: learner text can neither clear the screen nor fake a verdict line.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(32), *range(0x7F, 0xA0)] if chr(c) not in "\n\t"}


def printable(text: str) -> str:
    """`text` with every control character but newline and tab made visible."""
    return text.translate(_CONTROL)


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` terminal columns: padded, or cut with "…". Columns, not
    characters: a Chinese character takes two, so `len` would misalign every line with one."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return set_cell_size(text, width)


def _clip(text: str, limit: int = MAX_LINES) -> str:
    lines = printable(text).rstrip().splitlines()
    if len(lines) > limit:
        more = len(lines) - limit
        lines = lines[:limit] + [say(f"… ({more} more lines)", f"…（还有 {more} 行）")]
    return "\n".join(lines)


def status_label(result: KataResult, lang: str) -> str:
    label = t(result.status, lang)
    if result.status == "skipped" and result.message:
        label += f": {result.message}"
    return label


class KataPrinter:
    """Prints each kata's verdict, grouped under its chapter heading."""

    def __init__(self, console: Console, chapters: list[Chapter], lang: str):
        self.console = console
        self.lang = lang
        self.katas: dict[str, tuple[Chapter, Kata]] = {
            k.full_key: (c, k) for c in chapters for k in c.katas
        }
        self.current: str | None = None

    def heading(self, chapter: Chapter) -> None:
        title = chapter.title.get(self.lang)
        self.console.print(f"\n[bold]{chapter.key} · {escape(title)}[/]")

    def __call__(self, result: KataResult) -> None:
        chapter, kata = self.katas[result.full_key]
        if chapter.id != self.current:
            self.current = chapter.id
            self.heading(chapter)
        mark, color = STYLE[result.status]
        line = Text(f"  {mark} ", style=color)
        line.append(f"{kata.key}  ", style="bold")
        line.append(fit(kata.title.get(self.lang), TITLE_WIDTH) + " ")
        line.append(status_label(result, self.lang), style=color)
        if result.duration >= 0.05:
            line.append(f"  {result.duration:.1f}s", style="dim")
        self.console.print(line)
        if result.metrics:
            self.console.print(Text(_indent(format_metrics(result.metrics), 6), style="bold"))
        if result.status == "not started":
            self.console.print(Text(_indent(kata.goal.get(self.lang), 6), style="dim"))
        if result.status == "failing" and result.message:
            self.console.print(Text(_indent(_clip(result.message), 6), style="red"))
        if result.mistake:
            self.console.print(Text(_indent(printable(t("looks_like", self.lang, reason=result.mistake)), 6),
                                    style="yellow"))
        show_curve(self.console, result.curve, result.val_curve, self.lang)  # training katas: the loss curve
        if result.output.strip() and result.status != "passed":
            self.console.print(Text(f"      ┆ {t('printed', self.lang)}:", style="dim"))
            self.console.print(Text(_indent(_clip(result.output, 12), 8), style="dim"))


def format_metrics(metrics: dict[str, float]) -> str:
    """`accuracy 98.21 % · trained in 41.3 s`, for the metrics a kata's tests recorded."""
    parts = []
    for name, value in sorted(metrics.items(), key=lambda item: item[0] != "accuracy"):
        if name == "accuracy":
            parts.append(say(f"accuracy {100 * value:.2f} %", f"准确率 {100 * value:.2f} %"))
        elif name == "train_seconds":
            parts.append(say(f"trained in {value:.1f} s", f"训练用时 {value:.1f} 秒"))
        elif name.endswith("_seconds"):
            parts.append(f"{name.removesuffix('_seconds').replace('_', ' ')} {value:.1f} s")
        else:
            parts.append(f"{name.replace('_', ' ')} {value:.4g}")
    return " · ".join(parts)


def describe_progress(key: str, event: dict) -> str:
    """`ch07.ex05 epoch 1/3 · batch 300/938 · loss 0.2103`."""
    parts = [key]
    for name, plural in (("epoch", "epochs"), ("batch", "batches")):
        if name in event:
            total = event.get(plural)
            parts.append(f"{name} {event[name]}/{total}" if total else f"{name} {event[name]}")
    if isinstance(event.get("loss"), (int, float)):
        parts.append(f"loss {event['loss']:.4f}")
    return printable(" · ".join(parts))[:200]


def _indent(text: str, n: int) -> str:
    return "\n".join(" " * n + line for line in text.splitlines())


def chapter_summary(chapter: Chapter, results: list[KataResult], lang: str) -> Any:
    """`ch03: 5/7 passed · 1 failing · 1 not started`."""
    mine = [r for r in results if r.full_key.split(".")[0] == chapter.id]
    counts = Counter(r.status for r in mine)
    graded = len(mine) - counts["skipped"]
    line = Text(f"{chapter.key}: ", style="bold")
    line.append(t("summary", lang, passed=counts["passed"], total=graded))
    for status in STATUSES[1:]:
        if counts[status]:
            line.append(" · ")
            line.append(f"{counts[status]} {t(status, lang)}", style=STYLE[status][1])
    return line
