"""MNIST for the katas, offline: verify the shipped files and unpack them for torchvision.

torchvision's `datasets.MNIST(root, download=False)` reads the unpacked files in
`root/MNIST/raw/`. The repository ships the four official `.gz` files; `ensure_mnist`
checks their md5 sums and unpacks them once (into the data folder, or into `.grade/data`
when that folder is read-only). Where to look: `--data-dir`, else `TORCHKATA_DATA`, else
the repository's `data/`.

CIFAR-10 cannot be shipped: `find_cifar10` says whether the data folder holds its Python
version (`cifar-10-batches-py/`, put there by the user), and `read_cifar10` reads it in the
judge, for the katas graded only where it is.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .i18n import say

if TYPE_CHECKING:
    import torch

__all__ = ["CIFAR10_FILES", "DatasetUnavailable", "MNIST_MD5", "data_dir", "ensure_mnist", "find_cifar10",
           "read_cifar10", "read_idx", "training_view"]

MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}
CIFAR10_FILES = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch",
                 "batches.meta")  # in cifar-10-batches-py/, as torchvision's CIFAR10 reads them


def mnist_fix() -> str:
    return say("restore the repository's data/ folder (git checkout -- data), or point --data-dir or "
               "TORCHKATA_DATA at a folder holding MNIST/raw/ with the four official .gz files",
               "恢复仓库里的 data/ 文件夹（git checkout -- data），或者用 --data-dir 或 TORCHKATA_DATA "
               "指向一个含有 MNIST/raw/ 的文件夹，里面要有四个官方 .gz 文件")


class DatasetUnavailable(Exception):
    """A dataset is missing or corrupt; the message says what and how to fix it (by default,
    MNIST's fix), in the learner's language: `problem` and `fix` are kept apart for
    `grade doctor`, which shows them on two lines."""

    def __init__(self, problem: str, fix: str | None = None):
        self.problem, self.fix = problem, fix or mnist_fix()
        super().__init__(say(f"{problem}. Fix: {self.fix}", f"{problem}。解决办法：{self.fix}"))


def data_dir(option: str | Path | None = None) -> Path:
    """The data folder: the option given, else TORCHKATA_DATA, else the repository's."""
    return Path(option or os.environ.get("TORCHKATA_DATA") or paths.DATA)


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unpack(raw: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for name in MNIST_MD5:
        target = into / name.removesuffix(".gz")
        if target.is_file():
            continue
        tmp = target.with_name(target.name + ".part")
        with gzip.open(raw / name, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(tmp, target)  # a crash mid-way leaves no half file under the real name


def ensure_mnist(root: Path) -> Path:
    """A folder `R` with `R/MNIST/raw/` unpacked and verified; raise DatasetUnavailable."""
    raw = root / "MNIST" / "raw"
    if not raw.is_dir():
        raise DatasetUnavailable(say(f"MNIST not found: {raw} does not exist", f"找不到 MNIST：{raw} 不存在"))
    for name, expected in MNIST_MD5.items():
        path = raw / name
        if not path.is_file():
            raise DatasetUnavailable(say(f"MNIST file missing: {path}", f"缺少 MNIST 文件：{path}"))
        if _md5(path) != expected:
            raise DatasetUnavailable(say(f"MNIST file corrupt (md5 mismatch): {path}",
                                         f"MNIST 文件已损坏（md5 不符）：{path}"))
    try:
        _unpack(raw, raw)
        return root
    except OSError:  # read-only data folder: unpack into the grader's own state folder
        fallback = paths.STATE / "data"
        _unpack(raw, fallback / "MNIST" / "raw")
        return fallback


def training_view(root: Path, into: Path) -> Path:
    """A data folder for a worker that must not see MNIST's test split (the capstone): the
    training files of `root` (linked, else copied), and in place of the test files ten blank
    images labelled 0 to 9, as torchvision wants all four. A model trained on "the test
    split" there learns nothing. Made once; `into` is returned."""
    import struct

    raw = into / "MNIST" / "raw"
    if (raw / "t10k-labels-idx1-ubyte").is_file():
        return into
    raw.mkdir(parents=True, exist_ok=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        try:
            os.link(root / "MNIST" / "raw" / name, raw / name)
        except OSError:  # another file system
            shutil.copyfile(root / "MNIST" / "raw" / name, raw / name)
    (raw / "t10k-images-idx3-ubyte").write_bytes(struct.pack(">IIII", 2051, 10, 28, 28) + bytes(10 * 28 * 28))
    (raw / "t10k-labels-idx1-ubyte").write_bytes(struct.pack(">II", 2049, 10) + bytes(range(10)))
    return into


def read_idx(root: str | Path, name: str, offset: int) -> torch.Tensor:
    """The bytes after the `offset`-byte header of MNIST file `name` under `root` (unpacked,
    else its `.gz`), as a flat uint8 tensor: what a test reads in the judge."""
    import torch

    path = Path(root) / "MNIST" / "raw" / name
    data = path.read_bytes() if path.exists() else gzip.open(str(path) + ".gz").read()
    return torch.frombuffer(bytearray(data[offset:]), dtype=torch.uint8)


def find_cifar10(root: Path) -> Path:
    """`root` when `root/cifar-10-batches-py/` holds CIFAR-10's files; raise DatasetUnavailable."""
    folder = root / "cifar-10-batches-py"
    missing = [name for name in CIFAR10_FILES if not (folder / name).is_file()]
    if missing:
        what = (say(f"CIFAR-10 is not in {folder} (the course cannot ship it)",
                    f"{folder} 里没有 CIFAR-10（课程无法附带这个数据集）") if len(missing) == len(CIFAR10_FILES)
                else say(f"CIFAR-10 is incomplete in {folder}: {', '.join(missing)} missing",
                         f"{folder} 里的 CIFAR-10 不完整：缺少 {'、'.join(missing)}"))
        fix = say(f"to grade this kata, unpack cifar-10-python.tar.gz (from the CIFAR-10 page) into {root}",
                  f"要评这道练习，请把 cifar-10-python.tar.gz（从 CIFAR-10 官网下载）解压到 {root}")
        raise DatasetUnavailable(what, fix)
    return root


class _ArraysOnly(pickle.Unpickler):
    """Unpickles CIFAR-10's batch files (dicts of lists, bytes and numpy arrays), nothing else."""

    ALLOWED = {(f"numpy.{core}.{module}", name) for core in ("core", "_core")
               for module, name in (("multiarray", "_reconstruct"), ("numeric", "_frombuffer"))}
    ALLOWED |= {("numpy", "ndarray"), ("numpy", "dtype"), ("_codecs", "encode")}  # encode: bytes in protocol 2

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a CIFAR-10 batch file")
        return super().find_class(module, name)


def read_cifar10(root: str | Path, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """CIFAR-10's training (or test) split under `root`, read in the judge: uint8 images
    (N, 3, 32, 32) and int64 labels (N,)."""
    import numpy as np
    import torch

    names = CIFAR10_FILES[:5] if train else ("test_batch",)
    images, labels = [], []
    for name in names:
        with open(Path(root) / "cifar-10-batches-py" / name, "rb") as f:
            entry = _ArraysOnly(f, encoding="latin1").load()
        images.append(np.asarray(entry["data"], dtype=np.uint8).reshape(-1, 3, 32, 32))
        labels += list(entry["labels"])
    return torch.from_numpy(np.concatenate(images)), torch.tensor(labels, dtype=torch.int64)
