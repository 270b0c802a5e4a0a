"""The loss curve of a training kata, drawn in the terminal, with one sentence naming the
likely cause when the curve looks wrong.

A learner sees at a glance what a list of numbers hides: a loss that never moves, one that
explodes, one that jumps up and down. The plot is braille dots (each character holds 2 × 4
of them) in a terminal, plain `*` otherwise. The diagnosis rules are deliberately simple
and look only at the shape of the curve (see `diagnose`); they name a likely cause, never
a verdict: the kata's tests decide that.
"""

from __future__ import annotations

import math
import statistics
from itertools import pairwise
from typing import Any

from rich.text import Text

from .i18n import t

__all__ = ["MIN_POINTS", "diagnose", "is_plain", "plot", "show_curve"]

MIN_POINTS = 5  # fewer losses than this tell nothing: no plot, no diagnosis
ROWS, COLUMNS = 8, 60  # the plot's size in characters, at most
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [dot row][dot column]


def is_plain(console: Any) -> bool:
    """Plain characters, not colours and braille: the output is not a terminal, or --no-color."""
    return bool(console.no_color or console.color_system is None)


def plot(values: list[float], *, plain: bool = False, rows: int = ROWS, columns: int = COLUMNS) -> list[str]:
    """The curve as `rows` lines of at most `columns` characters, highest loss at the top;
    non-finite values are left out. Each column of dots covers an equal share of the points
    and is filled from their lowest to their highest value, joined to the column before."""
    per_char = (1, 1) if plain else (2, 4)  # dots across, dots down in one character
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return []
    low, high = min(finite), max(finite)
    width, height = min(columns * per_char[0], len(values)), rows * per_char[1]

    def y(v: float) -> int:  # dot row from the top
        return height // 2 if high == low else round((high - v) / (high - low) * (height - 1))

    dots: set[tuple[int, int]] = set()
    last: float | None = None
    for x in range(width):
        chunk = [v for v in values[x * len(values) // width:(x + 1) * len(values) // width] if math.isfinite(v)]
        span = chunk + ([last] if last is not None and chunk else [])
        if span:
            dots.update((x, row) for row in range(y(max(span)), y(min(span)) + 1))
        last = chunk[-1] if chunk else None
    lines = []
    for r in range(rows):
        chars = []
        for c in range(math.ceil(width / per_char[0])):
            if plain:
                chars.append("*" if (c, r) in dots else " ")
            else:
                bits = sum(_BRAILLE_BITS[dy][dx] for dy in range(4) for dx in range(2)
                           if (2 * c + dx, 4 * r + dy) in dots)
                chars.append(chr(0x2800 + bits) if bits else " ")
        lines.append("".join(chars).rstrip())
    return lines


def diagnose(losses: list[float], val_losses: list[float] | None = None) -> str | None:
    """The MESSAGES key of the likely cause when the curve looks wrong, else None. In order:

    - "curve_nan": a loss is NaN or infinite.
    - "curve_overfit": the validation loss ends 10 % above its lowest point while the
      training loss ends lower than it started.
    - "curve_rising": the training loss ends 50 % higher than it started.
    - "curve_oscillating": it ends no lower than 90 % of where it started, and more than half
      of the steps reverse the step before, by more than a tenth of the typical loss.
    - "curve_flat": it ends within 2 % of where it started.

    "Started" and "ends" are the medians of the first and last fifth of the curve, so that
    one noisy batch does not decide.
    """
    if len(losses) < MIN_POINTS:
        return None
    if not all(math.isfinite(v) for v in losses):
        return "curve_nan"
    fifth = max(1, len(losses) // 5)
    start, end = statistics.median(losses[:fifth]), statistics.median(losses[-fifth:])
    scale = max(abs(start), abs(end), 1e-12)
    val = [v for v in val_losses or [] if math.isfinite(v)]
    if len(val) >= MIN_POINTS and val[-1] > 1.1 * min(val) and min(val) > 0 and end < start:
        return "curve_overfit"
    if end - start > 0.5 * scale:
        return "curve_rising"
    steps = [b - a for a, b in pairwise(losses)]
    reversals = sum(s * u < 0 for s, u in pairwise(steps))
    typical = statistics.median(abs(v) for v in losses) or scale
    jumpy = reversals > len(steps) // 2 and statistics.mean(abs(s) for s in steps) > 0.1 * typical
    if jumpy and end >= 0.9 * start:
        return "curve_oscillating"
    if abs(end - start) <= 0.02 * scale:
        return "curve_flat"
    return None


def show_curve(console: Any, losses: list[float], val_losses: list[float], lang: str, indent: int = 6) -> None:
    """Under a kata's verdict: the plot with its highest and lowest loss labelled, a caption,
    and the diagnosis, if any. Nothing for fewer than MIN_POINTS losses."""
    if len(losses) < MIN_POINTS:
        return
    plain = is_plain(console)
    lines = plot(losses, plain=plain)
    finite = [v for v in losses if math.isfinite(v)]
    if lines:
        labels = [f"{max(finite):.4g}", f"{min(finite):.4g}"]
        width = max(map(len, labels))
        for i, line in enumerate(lines):
            label = labels[0] if i == 0 else labels[1] if i == len(lines) - 1 else ""
            axis = ("+" if label else "|") if plain else ("┤" if label else "│")
            row = Text(" " * indent + f"{label:>{width}} {axis}", style="dim")
            row.append(line, style="cyan")
            console.print(row, no_wrap=True, crop=True)
    caption = t("curve_caption", lang, count=len(losses), first=f"{losses[0]:.4g}", last=f"{losses[-1]:.4g}")
    console.print(Text(" " * indent + caption, style="dim"))
    cause = diagnose(losses, val_losses)
    if cause:
        console.print(Text(" " * indent + t(cause, lang), style="yellow"))
