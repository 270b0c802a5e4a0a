"""A course copy without a kata's hidden test or reference solution cannot judge it: grading
stops with a clear configuration error instead of telling correct code it fails."""

import pytest

from .conftest import make_repo, run_grade


@pytest.mark.parametrize("missing", ["solutions/ch01_demo/ex01_passes.py", "tests/ch01_demo/test_ex01_passes.py"])
def test_an_incomplete_course_copy_is_a_configuration_error(tmp_path, missing):
    repo = make_repo(tmp_path)
    (repo / missing).unlink()
    proc = run_grade(repo, "ch01.ex01")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"this copy of the course is incomplete: {repo / missing} is missing" in proc.stderr
    assert "Errno" not in proc.stdout + proc.stderr and "passed" not in proc.stdout
