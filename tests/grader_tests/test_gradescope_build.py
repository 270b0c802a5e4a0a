"""`grade gradescope build`: the autograder zip, checked end to end by running its
`run_autograder` against a folder laid out like Gradescope's `/autograder`."""

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader import paths
from grader.discovery import resolve
from grader.errors import GradeError
from grader.gradescope_build import build
from grader.manifest import load_chapters


def katas(*targets):
    return resolve(list(targets), load_chapters(paths.EXERCISES))


@pytest.fixture(scope="module")
def zip_ch01(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "autograder.zip"
    build(katas("ch01"), out)
    return out


def autograder(tmp_path, zip_path, submission):
    """A Gradescope-like /autograder under tmp_path, its submission copied from `submission`
    (a dict: relative path -> text); run_autograder run there; the results."""
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(root / "source")
    (root / "submission").mkdir()
    for name, text in submission.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / name).write_text(text)
    for folder, _, files in os.walk(tmp_path):  # what setup.sh does: the workers read Python and the course
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(Path(folder) / name, 0o644)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "TORCHKATA_PYTHON": sys.executable}
    env.pop("TORCHKATA_ROOT", None)
    proc = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # a grade is never an autograder failure
    return json.loads((root / "results" / "results.json").read_text())


def test_the_zip_holds_the_scripts_and_the_course_and_is_reproducible(tmp_path, zip_ch01):
    with zipfile.ZipFile(zip_ch01) as zf:
        names = set(zf.namelist())
        modes = {i.filename: stat.S_IMODE(i.external_attr >> 16) for i in zf.infolist()}
        run = zf.read("run_autograder").decode()
        setup = zf.read("setup.sh").decode()
    assert modes["setup.sh"] == modes["run_autograder"] == 0o755
    assert {"course/pyproject.toml", "course/grader/cli.py", "course/tests/conftest.py",
            "course/exercises/ch01_tensors/chapter.toml", "course/solutions/ch01_tensors/ex01_create.py",
            "course/tests/ch01_tensors/test_ex01_create.py"} <= names
    assert not any(n.startswith(("course/solutions/ch02", "course/tests/ch02", "course/data")) for n in names)
    assert not any("__pycache__" in n for n in names)
    assert "download.pytorch.org/whl/cpu" in setup  # CPU wheels: Gradescope has no GPU
    assert "ch01.ex01 ch01.ex02" in run and "TORCHKATA_NO_CONFINE" not in run
    again = tmp_path / "again.zip"
    build(katas("ch01"), again)
    assert again.read_bytes() == zip_ch01.read_bytes()


def test_cuda_katas_are_left_out_so_every_grader_counts_the_same(tmp_path):
    chosen = build(katas("ch08"), tmp_path / "a.zip")
    assert chosen and not any("cuda" in k.markers for k in chosen)
    assert len(build(katas("ch08"), tmp_path / "b.zip", include_cuda=True)) > len(chosen)
    cuda_only = [k for k in katas("ch08") if "cuda" in k.markers]
    with pytest.raises(GradeError, match="every one chosen needs a GPU"):
        build(cuda_only, tmp_path / "c.zip")


def test_mnist_goes_with_a_kata_that_reads_it(tmp_path):
    build(katas("ch07.ex01"), tmp_path / "mnist.zip")
    with zipfile.ZipFile(tmp_path / "mnist.zip") as zf:
        assert "course/data/MNIST/raw/train-images-idx3-ubyte.gz" in zf.namelist()


def test_run_autograder_grades_a_submission_into_results_json(tmp_path, zip_ch01):
    submission = {f"ch01_tensors/{p.name}": p.read_text() for p in (paths.SOLUTIONS / "ch01_tensors").glob("ex*.py")}
    submission["ch01_tensors/ex02_describe.py"] = (paths.EXERCISES / "ch01_tensors" / "ex02_describe.py").read_text()
    results = autograder(tmp_path, zip_ch01, submission)
    by_key = {t["extra_data"]["key"]: t for t in results["tests"]}
    assert len(by_key) == 7
    assert by_key["ch01.ex02"]["status"] == "failed" and by_key["ch01.ex02"]["score"] == 0
    assert results["score"] == sum(t["max_score"] for t in results["tests"]) - by_key["ch01.ex02"]["max_score"]
    assert results["stdout_visibility"] == "hidden" and results["output_format"] == "text"
    assert str(tmp_path) not in json.dumps(results)  # no grader or submission path reaches the student


def test_a_submission_that_cannot_be_graded_still_gets_results(tmp_path, zip_ch01):
    results = autograder(tmp_path, zip_ch01, {"notes.txt": "I did not do it"})
    assert results["score"] == 0 and results["output"]


def test_the_cli_writes_the_zip_and_says_what_is_in_it(tmp_path):
    out = tmp_path / "ag.zip"
    proc = subprocess.run([sys.executable, "-m", "grader", "gradescope", "build", "ch08", "-o", str(out)],
                          cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and "CUDA katas left out" in proc.stdout
    shutil.rmtree(tmp_path)
