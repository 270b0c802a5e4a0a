"""Report writers: JUnit XML (read back with junitparser), Gradescope results.json, and
GitHub Actions annotations and job summary. Unit level: katas and results built by hand,
plus one pass of the fixture repository's real outcomes through every writer."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import junitparser
import pytest
import torch

from grader import github, report_gradescope, report_junit
from grader.manifest import Kata, Text, load_chapter
from grader.results import KataResult
from grader.results import TestOutcome as Outcome  # not "Test*": pytest would try to collect it

NASTY = "\x1b[31mred\x1b[0m nul\x00 bell\x07 lone\ud800 nonchar\ufffe <tag> & \"quoted\" ]]> end"


def make_kata(chapter: str, kid: str, title: str, points: int = 1) -> Kata:
    hint = Text("h", "h")
    return Kata(chapter, kid, Text(title, f"{title} (zh)"), Text("g", "g"), (hint, hint), points=points)


KATAS = [
    make_kata("ch03_autograd", "ex01_derivative", "Derivative with autograd", points=2),
    make_kata("ch03_autograd", "ex02_chain", "Chain rule: by hand, then autograd"),
    make_kata("ch03_autograd", "ex03_jacobian", "Jacobian"),
    make_kata("ch05_gpu", "ex01_to_device", "Move to the GPU"),
]


def results() -> list[KataResult]:
    k = {kata.key: kata for kata in KATAS}
    return [
        KataResult("ch03.ex01", k["ch03.ex01"].full_key, "passed", output="hello\n", duration=0.5,
                   metrics={"accuracy": 0.98}, tests=[Outcome("test_a", "passed")]),
        KataResult("ch03.ex02", k["ch03.ex02"].full_key, "failing", duration=0.25,
                   message="chain(2) must be 12 (got 6)\n  File \"ex02_chain.py\", line 5", output=NASTY),
        KataResult("ch03.ex03", k["ch03.ex03"].full_key, "not started", duration=0.125,
                   message="jacobian() is not written yet: it still raises NotImplementedError"),
        KataResult("ch05.ex01", k["ch05.ex01"].full_key, "skipped", message="needs GPU"),
    ]


# ---------------------------------------------------------------- JUnit


@pytest.fixture
def junit(tmp_path: Path) -> junitparser.JUnitXml:
    path = tmp_path / "out" / "junit.xml"
    report_junit.write(path, KATAS, results(), tmp_path / "exercises")
    return junitparser.JUnitXml.fromfile(str(path))


def suites(xml: junitparser.JUnitXml) -> dict[str, junitparser.TestSuite]:
    return {s.name: s for s in xml}


def cases(xml: junitparser.JUnitXml) -> dict[str, junitparser.TestCase]:
    return {c.name.split(" ")[0]: c for s in xml for c in s}


def test_junit_has_one_suite_per_chapter_with_counts(junit):
    ch03, ch05 = suites(junit)["ch03_autograd"], suites(junit)["ch05_gpu"]
    assert list(suites(junit)) == ["ch03_autograd", "ch05_gpu"]
    assert (ch03.tests, ch03.failures, ch03.errors, ch03.skipped) == (3, 2, 0, 0)
    assert (ch05.tests, ch05.failures, ch05.errors, ch05.skipped) == (1, 0, 0, 1)
    assert ch03.time == pytest.approx(0.875)
    assert (junit.tests, junit.failures) == (4, 2)


def test_junit_testcases_are_named_after_the_kata(junit):
    case = cases(junit)["ch03.ex01"]
    assert case.classname == "ch03_autograd"
    assert case.name == "ch03.ex01 · Derivative with autograd"
    assert case.time == pytest.approx(0.5)
    assert case.is_passed and case.system_out == "hello\n"


def test_junit_failure_message_is_the_first_line_and_text_the_whole(junit):
    case = cases(junit)["ch03.ex02"]
    assert case.is_failure
    (failure,) = case.result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == "chain(2) must be 12 (got 6)"
    assert failure.text == 'chain(2) must be 12 (got 6)\n  File "ex02_chain.py", line 5'


def test_junit_not_started_is_a_failure_saying_so(junit):
    (failure,) = cases(junit)["ch03.ex03"].result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == "not started"
    assert "still raises NotImplementedError" in failure.text


def test_junit_skipped_says_why(junit):
    case = cases(junit)["ch05.ex01"]
    assert case.is_skipped
    (skipped,) = case.result
    assert isinstance(skipped, junitparser.Skipped) and skipped.message == "needs GPU"


def test_junit_properties_hold_versions_and_metrics(junit, tmp_path):
    props = {p.name: p.value for p in suites(junit)["ch03_autograd"].properties()}
    assert props["torch"] == torch.__version__
    assert props["cuda"] == (torch.version.cuda or "none")
    assert {"torchvision", "python", "torchkata", "cuda_available"} <= set(props)
    assert props["source"] == str(tmp_path / "exercises")
    assert props["ch03.ex01.accuracy"] == "0.98"  # a kata's metrics, in its chapter's properties


# What Jenkins' xunit plugin accepts (its junit-10.xsd): per element, the attributes allowed
# (required ones marked), the children allowed, and the time format.
JUNIT10 = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": ({"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id",
                   "package", "file", "log", "url"}, {"name", "tests", "failures", "errors"},
                  {"testsuite", "properties", "testcase", "system-out", "system-err"}),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, {"name", "value"}, set()),
    "testcase": ({"name", "time", "classname", "group"}, {"name"},
                 {"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError",
                  "system-out", "system-err"}),
    "failure": ({"type", "message"}, set(), set()),
    "error": ({"type", "message"}, set(), set()),
    "skipped": ({"type", "message"}, set(), set()),
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}
SUREFIRE_TIME = re.compile(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?")


def junit10_problems(element: ET.Element, where: str = "") -> list[str]:
    where = f"{where}/{element.tag}"
    if element.tag not in JUNIT10:
        return [f"{where}: element not allowed"]
    allowed, required, children = JUNIT10[element.tag]
    problems = [f"{where}@{a}: attribute not allowed" for a in set(element.attrib) - allowed]
    problems += [f"{where}@{a}: required attribute missing" for a in required - set(element.attrib)]
    if "time" in element.attrib and element.tag != "testcase" and not SUREFIRE_TIME.fullmatch(element.get("time")):
        problems.append(f"{where}@time: {element.get('time')!r} is not a SUREFIRE_TIME")
    for child in element:
        problems += [f"{where}/{child.tag}: not allowed here"] if child.tag not in children else []
        problems += junit10_problems(child, where)
    return problems


def test_junit_follows_the_jenkins_junit10_schema(tmp_path):
    path = tmp_path / "junit.xml"
    report_junit.write(path, KATAS, results(), tmp_path)
    assert junit10_problems(ET.parse(path).getroot()) == []
    bad = ET.fromstring('<testsuites skipped="1"><testsuite name="x" tests="1" failures="0" errors="0">'
                        '<testcase name="y"><properties/></testcase></testsuite></testsuites>')
    assert len(junit10_problems(bad)) == 2  # the checker itself catches what the report used to write


def test_junit_survives_control_characters_in_learner_output(junit, tmp_path):
    out = cases(junit)["ch03.ex02"].system_out
    assert "red" in out and "\x1b" not in out and "[31m" not in out  # colour codes dropped
    assert "nul\\x00 bell\\x07 lone\\ud800 nonchar\\ufffe" in out  # forbidden characters shown, not lost
    assert '<tag> & "quoted" ]]> end' in out  # markup characters round-trip
    raw = (tmp_path / "out" / "junit.xml").read_text(encoding="utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in raw)


def test_junit_write_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text("old")
    report_junit.write(path, KATAS, results(), tmp_path)
    assert junitparser.JUnitXml.fromfile(str(path)).tests == 4
    assert [p.name for p in tmp_path.iterdir()] == ["junit.xml"]  # no temporary file left


# ---------------------------------------------------------------- Gradescope


def gradescope(tmp_path: Path, **kwargs) -> dict:
    path = tmp_path / "results.json"
    report_gradescope.write(path, KATAS, results(), tmp_path, **kwargs)
    return json.loads(path.read_text(encoding="utf-8"))


def test_gradescope_has_the_spec_keys_and_total_score(tmp_path):
    report = gradescope(tmp_path)
    assert {"score", "execution_time", "visibility", "stdout_visibility", "tests"} <= set(report)
    assert report["score"] == 2
    assert report["execution_time"] == pytest.approx(0.875)
    assert report["visibility"] == "visible" and report["output_format"] == "text"
    assert report["stdout_visibility"] == "hidden"  # the autograder's own output: grader paths, timings
    for test in report["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)


def test_gradescope_scores_and_statuses_per_kata(tmp_path):
    tests = {t["name"]: t for t in gradescope(tmp_path)["tests"]}
    rows = [(t["score"], t["max_score"], t["status"]) for t in tests.values()]
    assert list(tests)[0] == "ch03.ex01 · Derivative with autograd"
    assert rows == [(2, 2, "passed"), (0, 1, "failed"), (0, 1, "failed"), (0, 0, "passed")]


def test_gradescope_outputs_explain_each_kata(tmp_path):
    passed, failing, not_started, skipped = (t["output"] for t in gradescope(tmp_path)["tests"])
    assert "hello" in passed
    assert failing.startswith("chain(2) must be 12 (got 6)")
    assert "Your code printed:" in failing and "\x1b" not in failing and "\\x00" in failing
    assert not_started.startswith("Not started") and "NotImplementedError" in not_started
    assert "needs GPU" in skipped and "no points" in skipped


def test_gradescope_truncates_long_learner_output(tmp_path):
    rows = results()
    rows[1].output = "x" * (report_gradescope.MAX_OUTPUT + 100)
    report = report_gradescope.build(KATAS, rows, tmp_path)
    assert report["tests"][1]["output"].endswith("(100 more characters cut)")


def test_gradescope_visibility_is_passed_on(tmp_path):
    report = gradescope(tmp_path, visibility="after_published")
    assert report["visibility"] == "after_published"
    assert {t["visibility"] for t in report["tests"]} == {"after_published"}


def test_gradescope_rejects_an_unknown_visibility(tmp_path):
    with pytest.raises(ValueError, match=r"visibility must be one of visible, hidden, .* \(got 'public'\)"):
        report_gradescope.write(tmp_path / "results.json", KATAS, results(), tmp_path, visibility="public")
    assert not (tmp_path / "results.json").exists()


# ---------------------------------------------------------------- GitHub Actions


class Stream:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def annotate(rows: list[KataResult], source: Path, env: dict[str, str], katas: list[Kata] = KATAS) -> list[str]:
    stream = Stream()
    github.annotate(katas, rows, source, stream=stream, env=env)  # type: ignore[arg-type]
    return stream.text.splitlines()


def unescape(text: str) -> str:
    for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_escaping_follows_the_runner():
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotates_failing_and_not_started_katas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = annotate(results(), tmp_path / "exercises", {"GITHUB_ACTIONS": "true"})
    assert len(lines) == 2
    assert lines[0] == ("::error file=exercises/ch03_autograd/ex02_chain.py,"
                        "title=ch03.ex02 Chain rule%3A by hand%2C then autograd::"
                        'chain(2) must be 12 (got 6)%0A  File "ex02_chain.py", line 5')
    assert lines[1].startswith("::error file=exercises/ch03_autograd/ex03_jacobian.py,title=ch03.ex03 Jacobian::")
    assert "not started: jacobian() is not written yet" in lines[1]


def test_github_file_outside_the_current_directory_stays_as_given(tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    lines = annotate(results(), tmp_path / "exercises", {"GITHUB_ACTIONS": "true"})
    expected = (tmp_path / "exercises/ch03_autograd/ex02_chain.py").as_posix()
    assert lines[0].startswith(f"::error file={github.escape_property(expected)},")


def test_github_file_is_relative_to_the_workspace_when_grading_runs_beside_it(tmp_path, monkeypatch):
    """The teacher's course checked out at workspace/course, the student's files at
    workspace/submission: annotations must name submission/..., not ../submission/..."""
    (tmp_path / "course").mkdir()
    monkeypatch.chdir(tmp_path / "course")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    lines = annotate(results(), tmp_path / "submission" / "exercises", env)
    assert lines[0].startswith("::error file=submission/exercises/ch03_autograd/ex02_chain.py,")


def test_github_learner_text_cannot_inject_workflow_commands(tmp_path):
    rows = results()
    attack = "oops\n::error file=evil.py::pwned\r\n::add-mask::secret\n::stop-commands::x\n%0A::warning::y"
    rows[1].message = attack
    lines = annotate(rows, tmp_path, {"GITHUB_ACTIONS": "true"})
    assert len(lines) == 2 and all(line.startswith("::error file=") for line in lines)
    props, message = lines[0].removeprefix("::error ").split("::", 1)
    assert "evil" not in props
    assert unescape(message) == attack  # the runner shows exactly what the learner wrote


def test_github_nothing_happens_outside_actions(tmp_path):
    summary = tmp_path / "summary.md"
    for env in ({}, {"GITHUB_ACTIONS": "false", "GITHUB_STEP_SUMMARY": str(summary)}):
        assert annotate(results(), tmp_path, env) == []
    assert not summary.exists()


def test_github_appends_a_job_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    rows = results()
    rows[1].message = "got <img src=x onerror=alert(1)> | [link](http://evil) `code`\nsecond line"
    annotate(rows, tmp_path, {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    table = [line for line in text.splitlines() if line.startswith("| ch")]
    assert len(table) == 4 and all(line.count(" | ") == 3 for line in table)  # learner "|" cannot add a column
    assert "passed | 2/2 |" in table[0] and "skipped | — |" in table[3]
    assert "<img" not in text and "&lt;img" in text and "second line" not in text
    assert r"\[link\](http://evil) \`code\`" in text  # shown as typed, not rendered as a link
    assert "**1 passed · 1 failing · 1 not started · 1 skipped — 2/4 points**" in text


# ---------------------------------------------------------------- the fixture repository's real outcomes


def test_every_real_outcome_goes_through_every_writer(demo_repo, demo_report, tmp_path):
    katas = list(load_chapter(demo_repo / "exercises/ch01_demo").katas)
    rows = []
    for row in demo_report["katas"]:
        tests = [Outcome(**t) for t in row["tests"]]
        fields = {k: row[k] for k in ("key", "full_key", "status", "message", "output", "duration", "metrics")}
        rows.append(KataResult(**fields, tests=tests))
    source = demo_repo / "exercises"

    report_junit.write(tmp_path / "junit.xml", katas, rows, source)
    xml = junitparser.JUnitXml.fromfile(str(tmp_path / "junit.xml"))
    assert (xml.tests, xml.failures, xml.skipped) == (12, 10, 0)

    report_gradescope.write(tmp_path / "results.json", katas, rows, source)
    grades = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert grades["score"] == demo_report["summary"]["points"] == 2
    assert sum(t["max_score"] for t in grades["tests"]) == demo_report["summary"]["max_points"]

    lines = annotate(rows, source, {"GITHUB_ACTIONS": "true"}, katas)
    assert len(lines) == 10 and all(line.startswith("::error file=") for line in lines)


def test_learner_output_cannot_issue_workflow_commands_under_actions(demo_repo):
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "TORCHKATA_ROOT": str(demo_repo), "GITHUB_ACTIONS": "true", "COLUMNS": "200"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    out = subprocess.run([sys.executable, "-m", "grader", "ch01.ex10", "--no-color"], cwd=demo_repo, env=env,
                         capture_output=True, text=True, timeout=300).stdout
    stop = re.search(r"^::stop-commands::([0-9a-f]{32})$", out, re.M)
    assert stop, out
    start, end = stop.end(), out.index(f"::{stop.group(1)}::")
    assert "debugging 2 3" in out[start:end]  # the learner's prints come while commands are off
    assert "::error file=" in out[end:]  # the grader's own annotations come after


# ---------------------------------------------------------------- partial credit
def test_partial_credit_is_opt_in_and_in_proportion_to_the_tests_passed(tmp_path):
    from grader import report_json

    kata = make_kata("ch03_autograd", "ex04_three", "Three tests", points=3)
    result = KataResult("ch03.ex04", kata.full_key, "failing", tests=[
        Outcome("test_a", "passed"), Outcome("test_b", "passed"), Outcome("test_c", "failed", "failing")])
    assert report_json.points(kata, result) == 0  # the default: all or nothing
    assert report_json.points(kata, result, partial=True) == 2
    not_started = KataResult("ch03.ex04", kata.full_key, "not started", tests=[Outcome("test_a", "passed")])
    assert report_json.points(kata, not_started, partial=True) == 0
    scored = report_gradescope.build([kata], [result], tmp_path, partial=True)
    assert scored["score"] == 2 and scored["tests"][0]["max_score"] == 3
    report = report_json.build([kata], [result], tmp_path, partial=True)
    assert report["summary"]["points"] == report["katas"][0]["points"] == 2


def test_gradescope_shows_the_notes_on_the_submission(tmp_path):
    report = report_gradescope.build(KATAS, results(), tmp_path, notes=["flat files placed in their chapter folders"])
    assert report["output"].endswith("\n- flat files placed in their chapter folders")
