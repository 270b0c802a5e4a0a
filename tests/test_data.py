"""The MNIST files shipped in data/ are byte-identical to the official ones."""

import hashlib
from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parent.parent / "data" / "MNIST"
SUMS = dict(line.split()[::-1] for line in (RAW / "MD5SUMS").read_text().splitlines() if line.strip())


@pytest.mark.parametrize("name", sorted(SUMS))
def test_mnist_file_matches_its_md5(name):
    digest = hashlib.md5((RAW / "raw" / name).read_bytes()).hexdigest()
    assert digest == SUMS[name], f"data/MNIST/raw/{name} is corrupt: md5 {digest}, expected {SUMS[name]}"


def test_all_four_mnist_files_are_listed():
    assert sorted(SUMS) == sorted(p.name for p in (RAW / "raw").glob("*.gz"))
    assert len(SUMS) == 4
