"""The class report, OUT/report.html: built from the students' JSON reports, escaped, and
checked in a real headless browser (Chromium from Debian's packages; CI installs it) for
rendering without script errors, sorting, and a screenshot."""

import json
import re
import shutil
import subprocess

import pytest

from grader import report_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

HOSTILE = '<script>alert("pwned")</script>'


def report(points, katas, error=None):
    return {"schema": "torchkata.report/1", "error": error,
            "summary": {"points": points, "max_points": 3},
            "katas": [{"key": key, "status": status, "message": message, "mistake": mistake}
                      for key, status, message, mistake in katas]}


REPORTS = {
    "alice": report(3, [("ch03.ex01", "passed", "", None), ("ch03.ex02", "passed", "", None),
                        ("ch03.ex03", "passed", "", None)]),
    "bob": report(1, [("ch03.ex01", "passed", "", None), ("ch03.ex02", "failing", "f(2) must be 7 (got 4)", None),
                      ("ch03.ex03", "not started", "", None)]),
    "carol": report(1, [("ch03.ex01", "passed", "", None), ("ch03.ex02", "failing", "f(2) must be 7 (got 5.5)", None),
                        ("ch03.ex03", "failing", "x", "requires_grad is missing")]),
    HOSTILE: report(0, [("ch03.ex01", "failing", HOSTILE, None), ("ch03.ex02", "not started", "", None),
                        ("ch03.ex03", "not started", "", None)]),
    "dave": {"schema": "torchkata.batch-error/1", "error": "the submission is not a zip", "katas": ["ch03.ex01"]},
}


def test_the_page_counts_groups_and_escapes_what_submissions_wrote():
    page = report_html.build(REPORTS)
    assert HOSTILE not in page and "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert "5 students · 3 katas · 1 could not be graded" in page
    kata2 = re.search(r"<tr><td>ch03\.ex02</td>.*?</tr>", page).group()
    assert "2 × <code>f(#) must be # (got #)</code>" in kata2  # the same failure, other numbers: one group
    assert "bob, carol" in kata2
    assert "1 × <code>requires_grad is missing</code>" in page  # a named mistake is its own group
    assert page.count("<script>") == 1 and "src=" not in page and "http" not in page  # self-contained


def test_merge_and_batch_write_it_beside_the_gradebook(tmp_path):
    students = tmp_path / "students"
    students.mkdir()
    for name in ("alice", "bob"):
        (students / f"{name}.json").write_text(json.dumps(REPORTS[name]))
    (students / "broken.json").write_text("{not json")
    path = report_html.write(tmp_path, ["alice", "bob", "broken"])
    page = path.read_text(encoding="utf-8")
    assert path == tmp_path / "report.html" and "unreadable JSON report" in page


def chromium(*args, cwd):
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--enable-logging=stderr", "--v=0", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)
    return proc


@needs_chromium
def test_it_renders_and_sorts_in_a_real_browser_without_script_errors(tmp_path):
    page = report_html.build(REPORTS)
    click = """<script>
    const table = document.getElementById("students");
    table.tHead.rows[0].cells[3].click();  // the share column: ascending
    document.body.dataset.order = [...table.tBodies[0].rows].map(r => r.cells[0].textContent).join("|");
    </script></body>"""
    (tmp_path / "page.html").write_text(page.replace("</body>", click), encoding="utf-8")
    proc = chromium("--dump-dom", (tmp_path / "page.html").as_uri(), cwd=tmp_path)
    assert 'data-ready="yes"' in proc.stdout, proc.stderr[-2000:]  # the page's own script ran to its end
    assert "Uncaught" not in proc.stderr
    order = re.search(r'data-order="([^"]*)"', proc.stdout).group(1).split("|")
    assert order[-1] == "alice" and order.index("bob") < order.index("alice")  # sorted by share, 100 % last


@needs_chromium
def test_a_screenshot_of_the_report(tmp_path):
    (tmp_path / "report.html").write_text(report_html.build(REPORTS), encoding="utf-8")
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,1400", (tmp_path / "report.html").as_uri(), cwd=tmp_path)
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
