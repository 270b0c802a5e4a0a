"""A dataset the course cannot ship (CIFAR-10, for ch07.ex08): without it the kata is
"skipped: optional dataset unavailable", exit 0, like a CUDA kata without a GPU; with it
(here a small fabricated copy in torchvision's layout) the kata is graded, and its catalogue
holds: the solution and the alternatives pass, every mistake fails."""

import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from grader import catalogue, paths
from grader.data import CIFAR10_FILES, DatasetUnavailable, find_cifar10, read_cifar10
from grader.manifest import load_chapters
from grader.pipeline import grade, sandbox_for
from grader.run import GradingRun
from grader.verdict import skip_kind

from .conftest import run_grade

REPO = Path(__file__).resolve().parents[2]


def fabricate_cifar10(root: Path, per_batch: int = 6, test: int = 8) -> Path:
    """CIFAR-10's Python version in miniature: five training batches, a test batch and the
    meta file, pickled as the real ones are (protocol 2, latin-1 strings)."""
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in CIFAR10_FILES[:-1]:
        n = test if name == "test_batch" else per_batch
        batch = {"batch_label": name, "labels": [int(v) for v in rng.integers(0, 10, n)],
                 "data": rng.integers(0, 256, (n, 3072), dtype=np.uint8), "filenames": [f"{i}.png" for i in range(n)]}
        (folder / name).write_bytes(pickle.dumps(batch, protocol=2))
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    (folder / "batches.meta").write_bytes(pickle.dumps({"label_names": names, "num_vis": 3072}, protocol=2))
    return root


def test_find_cifar10_says_what_is_missing_and_how_to_fix(tmp_path):
    with pytest.raises(DatasetUnavailable, match=r"CIFAR-10 is not in .*cannot ship it\)\. Fix: "):
        find_cifar10(tmp_path)
    fabricate_cifar10(tmp_path)
    assert find_cifar10(tmp_path) == tmp_path
    (tmp_path / "cifar-10-batches-py" / "test_batch").unlink()
    with pytest.raises(DatasetUnavailable, match="incomplete .*test_batch missing. Fix: "):
        find_cifar10(tmp_path)


def test_the_judge_reads_only_arrays_from_the_batch_files(tmp_path):
    fabricate_cifar10(tmp_path)
    images, labels = read_cifar10(tmp_path, train=True)
    assert tuple(images.shape) == (30, 3, 32, 32) and tuple(labels.shape) == (30,)
    (tmp_path / "cifar-10-batches-py" / "test_batch").write_bytes(pickle.dumps({"labels": [shutil.rmtree]}))
    with pytest.raises(pickle.UnpicklingError, match="shutil.rmtree is not part of a CIFAR-10 batch file"):
        read_cifar10(tmp_path, train=False)


def test_skip_kinds_are_told_apart():
    assert skip_kind("optional dataset unavailable: CIFAR-10 is not in x") == "optional"
    assert skip_kind("dataset unavailable: MNIST not found") == "data"
    assert skip_kind("needs GPU") == "gpu"


def test_without_cifar10_the_kata_is_skipped_and_nothing_is_wrong(tmp_path):
    tmp_path.chmod(0o755)  # the data folder: every worker's uid may read it
    out = tmp_path / "report.json"
    proc = run_grade(REPO, "ch07.ex08", "--source", "solutions", "--data-dir", str(tmp_path), "--json", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "optional dataset unavailable: CIFAR-10 is not in" in proc.stdout
    assert "All katas that can run here passed" in proc.stdout and "not graded" not in proc.stdout
    kata = json.loads(out.read_text())["katas"][0]
    assert (kata["status"], kata["skip"], kata["max_points"]) == ("skipped", "optional", 0)


def test_with_cifar10_the_solution_passes_and_the_catalogue_holds(tmp_path, monkeypatch):
    tmp_path.chmod(0o755)
    fabricate_cifar10(tmp_path)
    monkeypatch.setenv("TORCHKATA_DATA", str(tmp_path))
    [kata] = [k for c in load_chapters(paths.EXERCISES) for k in c.katas if k.key == "ch07.ex08"]
    found = catalogue.load(kata)
    with sandbox_for(GradingRun((kata,), paths.SOLUTIONS)) as sandbox:
        [solution] = grade(GradingRun((kata,), paths.SOLUTIONS), sandbox)
        assert solution.status == "passed", solution.message
        rows = catalogue.grade_entries([found], sandbox)
    assert len(rows) == len(found.mistakes) + len(found.alternatives) >= 10
    for _, entry, kind, result in rows:
        want = "passed" if kind == "alternative" else "failing"
        assert result.status == want, f"{kind} {entry.file.name}: {result.status} {result.message[:300]}"
