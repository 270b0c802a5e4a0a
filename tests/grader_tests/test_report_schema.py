"""The JSON report's JSON Schema ships in the package (grader/schemas/report.schema.json),
and every report the grader writes validates against it: a normal run, a submission that
could not be graded, and a student's report in a batch (see test_batch.py)."""

import json
from importlib import resources

import jsonschema
import pytest

from .conftest import make_repo, run_grade


def schema() -> dict:
    return json.loads(resources.files("grader").joinpath("schemas/report.schema.json").read_text(encoding="utf-8"))


def validate(report: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(report)


def test_a_graded_run_validates(demo_report):
    report = {k: v for k, v in demo_report.items() if k not in ("by_id", "stdout")}  # the fixture's own keys
    validate(report)
    assert {k["status"] for k in report["katas"]} == {"passed", "failing", "not started"}


def test_a_submission_that_could_not_be_graded_validates(tmp_path):
    repo = make_repo(tmp_path / "course")
    (tmp_path / "bad.zip").write_text("not a zip")
    out = tmp_path / "report.json"
    proc = run_grade(repo, "ch01.ex01", "--submission", str(tmp_path / "bad.zip"), "--json", str(out))
    assert proc.returncode == 2
    report = json.loads(out.read_text())
    validate(report)
    assert report["error"]


def test_the_schema_rejects_what_a_consumer_could_not_read(demo_report):
    report = {k: v for k, v in demo_report.items() if k not in ("by_id", "stdout")}
    for broken in ({**report, "summary": {**report["summary"], "points": -1}},
                   {**report, "katas": [{**report["katas"][0], "status": "ok"}]},
                   {**report, "surprise": 1}):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)
