"""Pictures a learner would rather look at than read: the activity calendar and chapter bars
of `grade progress`, and a training kata's loss curve with the likely cause of a bad one."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from grader import paths
from grader.history import calendar, chapter_bars, show_progress
from grader.manifest import load_chapters
from grader.plot import diagnose, plot, show_curve
from grader.store import Store

TODAY = dt.date(2026, 11, 25)  # a Wednesday; its week begins on Monday 23 November
DAYS = {dt.date(2026, 11, 25): 3, dt.date(2026, 11, 23): 1, dt.date(2026, 10, 4): 2, dt.date(2026, 6, 1): 1}


def plain_console() -> Console:
    """What a learner sees with --no-color, or in a log."""
    return Console(record=True, width=160, no_color=True, color_system=None)


def store_with(path, days: dict[dt.date, int]) -> Store:
    """A progress database holding `count` graded attempts at local noon of each day."""
    store = Store(path)
    for day, count in days.items():
        at = dt.datetime.combine(day, dt.time(12)).astimezone().isoformat()
        for _ in range(count):
            store.db.execute("INSERT INTO attempts (kata, status, duration, torch, at) VALUES (?, ?, ?, ?, ?)",
                             ("ch01_tensors.ex01_create", "failing", 2.0, "2.4", at))
    return store


def calendar_cells(text: str, lang: str) -> dict[dt.date, str]:
    """Each day of the printed calendar and the character drawn for it."""
    names = {"en": "Mon Tue Wed Thu Fri Sat Sun", "zh": "周一 周二 周三 周四 周五 周六 周日"}[lang].split()
    rows = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in text.splitlines() if line[:2] in
            {n[:2] for n in names}}
    weeks = calendar(TODAY)
    return {week[r]: rows[name][2 * c] for c, week in enumerate(weeks) for r, name in enumerate(names)
            if 2 * c < len(rows[name])}


# -- the activity calendar ---------------------------------------------------------------------
def test_the_calendar_has_26_weeks_as_columns_monday_on_top_today_in_the_last():
    weeks = calendar(TODAY)
    assert len(weeks) == 26 and all(len(week) == 7 for week in weeks)
    assert weeks[-1][2] == TODAY  # Wednesday: third row of the last column
    assert weeks[0][0] == dt.date(2026, 6, 1) and weeks[0][0].weekday() == 0
    assert all(b - a == dt.timedelta(days=1) for a, b in zip(sum(weeks, []), sum(weeks, [])[1:], strict=False))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_calendar_marks_exactly_the_days_with_attempts(tmp_path, lang):
    store = store_with(tmp_path / "progress.db", DAYS)
    console = plain_console()
    show_progress(console, store.attempts(), 0, lang, chapters=[], latest={}, today=TODAY)
    cells = calendar_cells(console.export_text(), lang)
    marked = {day: mark for day, mark in cells.items() if mark not in ". "}
    # shaded by the quarter of the busiest day (3 attempts, "#") reached: 1 is in the second ("+"), 2 the third
    assert marked == {dt.date(2026, 11, 25): "#", dt.date(2026, 11, 23): "+", dt.date(2026, 10, 4): "*",
                      dt.date(2026, 6, 1): "+"}
    assert cells[dt.date(2026, 11, 26)] == " "  # tomorrow is blank, not "no attempts"
    assert cells[dt.date(2026, 11, 24)] == "."


@pytest.mark.parametrize("lang, month", [("en", "Jul"), ("zh", "7月")])
def test_a_month_name_stands_above_the_week_of_its_first_day(tmp_path, lang, month):
    console = plain_console()
    show_progress(console, store_with(tmp_path / "p.db", DAYS).attempts(), 0, lang, chapters=[], latest={},
                  today=TODAY)
    text = console.export_text()
    top = next(line for line in text.splitlines() if month in line)
    left = 4 if lang == "en" else 5  # "Mon " or "周一 ": a Chinese character is two cells wide
    column = next(c for c, week in enumerate(calendar(TODAY)) if dt.date(2026, 7, 1) in week)
    assert cell_len(top[:top.index(month)]) == left + 2 * column
    assert {"en": "less . : + * # more", "zh": "少 . : + * # 多"}[lang] in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chapter_bars_line_up_whatever_the_width_of_the_titles(lang):
    chapters = load_chapters(paths.EXERCISES)
    first = chapters[0].katas[0].full_key
    lines = [line.plain for line in chapter_bars(chapters, {first: "passed"}, lang, plain=True)]
    starts = {cell_len(line[:re.search(r"[#.]{30}", line).start()]) for line in lines}
    assert len(starts) == 1, lines
    assert lines[0].endswith(f" 1/{len(chapters[0].katas)}") and "#" in lines[0]
    assert chapters[0].title.get(lang)[:4] in lines[0]


def test_grade_progress_draws_the_calendar_and_the_bars(repo, grade_cli):
    store_with(repo / ".grade" / "progress.db", {dt.date.today(): 2}).close()
    out = grade_cli(repo, "progress").stdout
    assert "Activity, last 26 weeks" in out and "less . : + * # more" in out
    weekday = "Mon Tue Wed Thu Fri Sat Sun".split()[dt.date.today().weekday()]
    today = next(line for line in out.splitlines() if line.startswith(weekday))
    assert today.rstrip().endswith("#")
    assert re.search(r"ch01  Demo +\.{30} 0/12", out), out
    assert "Hints used: 0" in out


# -- the loss curve ----------------------------------------------------------------------------
def test_a_falling_line_is_drawn_as_a_staircase_from_the_top_left():
    assert plot([4.0, 3.0, 2.0, 1.0, 0.0], plain=True, rows=5, columns=5) == [
        "**", " **", "  **", "   **", "    *"]


def test_braille_holds_two_by_four_dots_per_character():
    # the first value at the top of the left dot column, the second joined to it down the right one
    assert plot([1.0, 0.0], rows=1, columns=1) == ["\u28b9"]


def test_nan_and_inf_are_left_out_of_the_plot():
    assert plot([1.0, math.nan, math.inf, 0.0], plain=True, rows=2, columns=4) == ["*", "   *"]


def test_the_plot_has_its_highest_and_lowest_loss_and_a_caption():
    console = plain_console()
    show_curve(console, [4.0, 3.0, 2.0, 1.0, 0.5], [], "en")
    lines = console.export_text().splitlines()
    assert len(lines) == 8 + 1  # a good curve: no cause named under the caption
    assert lines[0].strip().startswith("4 +*") and lines[7].strip().startswith("0.5 +")
    assert "5 values, from 4 to 0.5" in lines[8]


def test_fewer_than_five_losses_draw_nothing():
    console = plain_console()
    show_curve(console, [3.0, 2.0, 1.0, 0.5], [], "en")
    assert console.export_text() == ""


GOOD = [2.0 * math.exp(-i / 10) + 0.1 + 0.05 * (-1) ** i for i in range(60)]


@pytest.mark.parametrize("name, losses, val, cause", [
    ("good, with batch noise", GOOD, None, None),
    ("flat", [0.70 - 0.0002 * i + 0.0005 * (-1) ** i for i in range(30)], None, "curve_flat"),
    ("NaN", [2.3, 1.9, 1.4, math.nan, math.nan, math.nan], None, "curve_nan"),
    ("inf", [2.3, 40.0, 900.0, math.inf, 1.0], None, "curve_nan"),
    ("diverging", [1.0 * 1.4 ** i for i in range(20)], None, "curve_rising"),
    ("oscillating", [1.0, 3.0] * 15, None, "curve_oscillating"),
    ("overfitting", GOOD, [1.0, 0.8, 0.7, 0.72, 0.8, 0.9, 1.0], "curve_overfit"),
    ("validation falls too", GOOD, [1.0, 0.8, 0.7, 0.6, 0.55, 0.5], None),
    ("too short to tell", [1.0, 1.0, 1.0, 1.0], None, None),
])
def test_each_shape_of_curve_gets_its_likely_cause(name, losses, val, cause):
    assert diagnose(losses, val) == cause, name


@pytest.mark.parametrize("lang, words", [("en", "learning rate is probably too high"), ("zh", "学习率太大")])
def test_the_cause_is_one_sentence_in_the_learners_language(lang, words):
    console = plain_console()
    show_curve(console, [1.0 * 1.4 ** i for i in range(20)], [], lang)
    last = console.export_text().splitlines()[-1]
    assert words in last
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{4,}", last.replace("optimizer.zero_grad()", ""))


# -- training katas end to end: a test hands over its run's curve, or the run reports it ------------
CURVE_TEST = '''import time

from grader.checks import check_number, record_curve


def losses_probe(mod):
    return [mod.add(1.0, 1.3 ** i) for i in range(12)]


def events_probe(mod):
    from grader.sandbox.worker import emit

    for i in range(6):
        emit(epoch=0, loss=mod.add(0.5, 1.0 / (i + 1)))
        time.sleep(0.12)
    return getattr(mod, "REPORTS", False)


def test_the_run_reports_its_losses_or_the_test_hands_them_over(kata, record_property):
    if not kata.probe(events_probe):
        record_curve(record_property, kata.probe(losses_probe))
    check_number(kata.add(2, 3), 5, "add(2, 3)")
'''
KATA = '"""Add."""\n\n\ndef add(a, b):\n    return a + b\n'


@pytest.fixture(scope="module")
def curves_run(tmp_path_factory, kata_repo, grade_cli):
    """Two training katas graded once: ex02's run reports its losses as progress events (as
    the MNIST capstone does), which the judge collects; ex01's test hands over the curve of
    another run, which replaces them."""
    root = tmp_path_factory.mktemp("curves")
    repo = kata_repo(root / "repo", {"ex01_hands_over": KATA, "ex02_reports": KATA + "REPORTS = True\n"},
                     test=CURVE_TEST)
    proc = grade_cli(repo, "ch01", "--json", str(root / "report.json"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout, json.loads((root / "report.json").read_text())["katas"]


def test_a_curve_a_test_hands_over_is_drawn_with_its_likely_cause(curves_run):
    out = curves_run[0]
    last = f"{1 + 1.3 ** 11:.4g}"
    assert f"the loss of your training run: 12 values, from 2 to {last}" in out
    assert "The loss goes up instead of down" in out
    assert re.search(rf"{last} \+ +\*", out) and re.search(r"\b2 \+\*", out), out


def test_the_json_report_holds_each_katas_loss_curve(curves_run):
    hands_over, reports = curves_run[1]
    assert hands_over["loss_curve"] == pytest.approx([1.0 + 1.3 ** i for i in range(12)])
    assert hands_over["val_loss_curve"] == [] and "curve" not in hands_over["tests"][0]
    assert reports["loss_curve"] == pytest.approx([0.5 + 1.0 / (i + 1) for i in range(6)])
