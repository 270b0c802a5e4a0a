"""OUT/report.html: a class report to look at, written with every gradebook.

One self-contained page (no server, no network, no file beside it: it works when opened
from a file or attached to an e-mail) built from OUT/students/*.json, like the gradebook:

- the score histogram (share of the points each student earned, in tenths);
- per kata: its pass rate, its counts by status, and its most common failures, grouped
  by the mistake the grader named or else by the failure's first line with its numbers
  blanked (`catalogue.behaviour`, the grouping used to name mistakes);
- per student: total, share and one cell per kata, in a table that sorts when a column
  heading is clicked.

Everything a submission wrote (its name, messages) is escaped; the only script is the
sorting below, and the page loads nothing.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .catalogue import behaviour
from .files import write_atomic
from .i18n import t

__all__ = ["build", "write"]

MARKS = {"passed": "✓", "failing": "✗", "not started": "·", "skipped": "↷"}
TOP_FAILURES = 3  # failure groups shown per kata

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; } th, td { padding: .3em .5em; border-bottom: 1px solid #ddd;
  text-align: left; vertical-align: top; }
th { background: #f4f4f4; } table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[data-dir=asc]::after { content: " ▲"; } table.sortable th[data-dir=desc]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: .8em; background: #3a7; vertical-align: middle; }
.passed { color: #282; } .failing { color: #c22; } .skipped { color: #888; } .error { color: #c22; }
.failures li { margin-bottom: .3em; } .failures code { white-space: pre-wrap; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
"""

SCRIPT = """
for (const table of document.querySelectorAll("table.sortable")) {
  const headings = [...table.tHead.rows[0].cells];
  headings.forEach((th, column) => th.addEventListener("click", () => {
    const up = th.dataset.dir !== "asc";
    headings.forEach(other => delete other.dataset.dir);
    th.dataset.dir = up ? "asc" : "desc";
    const key = row => row.cells[column].dataset.sort ?? row.cells[column].textContent;
    const rows = [...table.tBodies[0].rows].sort((a, b) => {
      const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
      const order = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? order : -order;
    });
    table.tBodies[0].append(...rows);
  }));
}
document.body.dataset.ready = "yes";
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return {"error": f"unreadable JSON report: {e}"}
    return data if isinstance(data, dict) else {"error": "not a report"}


def _some(names: list[str], shown: int = 3) -> str:
    return ", ".join(names[:shown]) + (" …" if len(names) > shown else "")


def _heads(labels: list[str]) -> str:
    return "".join(f"<th>{_e(label)}</th>" for label in labels)


def _histogram(shares: list[float], lang: str) -> str:
    """An inline SVG: how many students earned 0-10 %, 10-20 %, ... 90-100 % of the points."""
    bins = [0] * 10
    for share in shares:
        bins[min(int(share * 10), 9)] += 1
    top, width, height = max(bins, default=0) or 1, 48, 120
    bars = []
    for i, count in enumerate(bins):
        h = round(height * count / top)
        x = i * (width + 6)
        bars.append(f'<rect x="{x}" y="{height - h + 14}" width="{width}" height="{h}" fill="#3a7">'
                    f'<title>{i * 10}–{i * 10 + 10} %: {count}</title></rect>'
                    f'<text x="{x + width / 2}" y="{height - h + 10}" text-anchor="middle">{count or ""}</text>'
                    f'<text x="{x + width / 2}" y="{height + 28}" text-anchor="middle">{i * 10}%</text>')
    label = _e(t("html_histogram", lang))
    return (f'<svg role="img" aria-label="{label}" width="{10 * (width + 6)}" height="{height + 34}">'
            f'{"".join(bars)}</svg>')


def build(reports: dict[str, dict[str, Any]], lang: str = "en") -> str:
    """The page for `reports` (student name -> their JSON report or error record)."""
    columns: list[str] = []
    by_kata: dict[str, Counter[str]] = defaultdict(Counter)
    failures: dict[str, Counter[str]] = defaultdict(Counter)
    who: dict[tuple[str, str], list[str]] = defaultdict(list)
    shares: list[float] = []
    student_rows = []
    for name in sorted(reports):
        report = reports[name]
        katas: list[Any] = report["katas"] if isinstance(report.get("katas"), list) else []
        statuses: dict[str, str] = {}
        for kata in katas:
            if not isinstance(kata, dict) or not isinstance(kata.get("key"), str):
                continue
            key, status = kata["key"], str(kata.get("status", ""))
            if key not in columns:
                columns.append(key)
            statuses[key] = status
            by_kata[key][status] += 1
            if status == "failing":
                group = str(kata.get("mistake") or behaviour(str(kata.get("message") or "")) or "failing")
                failures[key][group] += 1
                who[(key, group)].append(name)
        error = report.get("error") or ""
        summary: dict[str, Any] = report["summary"] if isinstance(report.get("summary"), dict) else {}
        points, most = summary.get("points", 0), summary.get("max_points", 0)
        share = points / most if isinstance(points, (int, float)) and isinstance(most, (int, float)) and most else 0.0
        if not error:
            shares.append(share)
        student_rows.append((name, points, most, share, statuses, str(error)))
        if error:  # an error record lists the keys it should have graded
            for key in (k for k in katas if isinstance(k, str)):
                columns += [key] if key not in columns else []
                by_kata[key]["error"] += 1

    kata_rows = []
    for key in columns:
        counts = by_kata[key]
        judged = sum(v for s, v in counts.items() if s in ("passed", "failing", "not started", "error"))
        rate = counts["passed"] / judged if judged else 0.0
        top = "".join(f'<li>{n} × <code>{_e(group)}</code> <span class="skipped">({_e(_some(who[(key, group)]))})'
                      f'</span></li>' for group, n in failures[key].most_common(TOP_FAILURES))
        kata_rows.append(
            f'<tr><td>{_e(key)}</td><td class="num" data-sort="{rate:.4f}">'
            f'<span class="bar" style="width:{round(rate * 80)}px"></span> {rate:.0%}</td>'
            + "".join(f'<td class="num">{counts[s]}</td>' for s in ("passed", "failing", "not started", "skipped"))
            + f'<td><ul class="failures">{top}</ul></td></tr>')

    student_html = []
    for name, points, most, share, statuses, error in student_rows:
        cells = "".join(f'<td class="{_e(statuses.get(k, ""))}" title="{_e(statuses.get(k, ""))}" '
                        f'data-sort="{_e(statuses.get(k, ""))}">{MARKS.get(statuses.get(k, ""), "")}</td>'
                        for k in columns)
        shown = "—" if error else f"{share:.0%}"
        student_html.append(f'<tr><td>{_e(name)}</td><td class="num">{_e(points)}</td><td class="num">{_e(most)}</td>'
                            f'<td class="num" data-sort="{-1 if error else share:.4f}">{shown}</td>{cells}'
                            f'<td class="error">{_e(error)}</td></tr>')

    mean = sum(shares) / len(shares) if shares else 0.0
    kata_heads = _heads([t("html_kata", lang), t("html_pass_rate", lang), t("passed", lang), t("failing", lang),
                         t("not started", lang), t("skipped", lang), t("html_common_failures", lang)])
    student_heads = _heads([t("html_student", lang), t("html_points", lang), t("html_max", lang), "%", *columns,
                            t("error", lang)])
    return f"""<!DOCTYPE html>
<html lang="{'zh' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(t("html_title", lang))}</title><style>{STYLE}</style></head>
<body>
<h1>{_e(t("html_title", lang))}</h1>
<p>{_e(t("html_summary", lang, students=len(reports), katas=len(columns), errors=len(reports) - len(shares),
         mean=f"{mean:.0%}"))}</p>
<h2>{_e(t("html_histogram", lang))}</h2>
{_histogram(shares, lang)}
<h2>{_e(t("html_per_kata", lang))}</h2>
<table class="sortable" id="katas"><thead><tr>{kata_heads}</tr></thead>
<tbody>{"".join(kata_rows)}</tbody></table>
<h2>{_e(t("html_per_student", lang))}</h2>
<table class="sortable" id="students"><thead><tr>{student_heads}</tr></thead>
<tbody>{"".join(student_html)}</tbody></table>
<script>{SCRIPT}</script>
</body></html>
"""


def write(out: Path, names: list[str], lang: str = "en") -> Path:
    """OUT/report.html from OUT/students/<name>.json of `names`, written atomically."""
    path = out / "report.html"
    write_atomic(path, build({name: _load(out / "students" / f"{name}.json") for name in names}, lang))
    return path
