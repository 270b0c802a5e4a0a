"""The GitHub Actions workflows the course ships (grader/workflows/): valid against GitHub's
workflow schema (check-jsonschema's copy, offline), the teacher's grading sharded through
`--shard auto`, the students' one holding no secret and no hidden test."""

import subprocess
import sys
from pathlib import Path

import pytest

from grader import paths
from grader.batch import SHARD_SOURCES

WORKFLOWS = sorted((paths.ROOT / "grader" / "workflows").glob("*.yml"))


def test_both_workflows_are_shipped():
    assert [p.name for p in WORKFLOWS] == ["grade-class.yml", "student-check.yml"]


def check(workflow: Path) -> subprocess.CompletedProcess:
    checker = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_a_workflow_validates_against_githubs_schema(workflow):
    proc = check(workflow)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("runs-on:", "run-on:", 1))  # a job without runs-on
    assert check(broken).returncode != 0


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout_and_the_workflow_least_permissions(workflow):
    text = workflow.read_text()
    assert "permissions:\n  contents: read" in text
    assert text.count("timeout-minutes:") == text.count("runs-on:")


def test_the_teachers_workflow_shards_with_shard_auto():
    text = (paths.ROOT / "grader/workflows/grade-class.yml").read_text()
    index_var, count_var = SHARD_SOURCES[-1][1:3]  # what --shard auto reads outside SLURM and Kubernetes
    assert f"{index_var}: ${{{{ strategy.job-index }}}}" in text
    assert f"{count_var}: ${{{{ strategy.job-total }}}}" in text
    assert "--shard auto" in text and "grade merge" in text
    assert "${{ inputs.targets }}" not in text.split("run:", 1)[1]  # inputs reach scripts through env, never inline


def test_the_students_workflow_holds_no_secret_and_no_course():
    text = (paths.ROOT / "grader/workflows/student-check.yml").read_text()
    assert "secrets." not in text and "repository:" not in text and "pull_request" not in text
