"""`--submission PATH`: take only the expected kata files from a student's work.

PATH is a folder (with the `exercises/` layout, or just its chapter folders), a `.zip` of
one, or a Jupyter notebook. Nothing else from it is used: a `conftest.py`, `pytest.ini`,
`sitecustomize.py` or extra module is ignored and listed, so the tests, the solutions and
the pytest configuration always come from the grader's own repository.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import GradeError
from .files import read_regular
from .manifest import Kata

__all__ = ["MAX_FILE_BYTES", "MAX_NOTEBOOK_BYTES", "Prepared", "prepare"]

MAX_FILE_BYTES = 1_000_000  # a kata file is a few KB; anything this big is not one
MAX_NOTEBOOK_BYTES = 50_000_000  # a notebook keeps its outputs (plots, logs)


@dataclass
class Prepared:
    """What was taken from a submission."""

    taken: list[str] = field(default_factory=list)  #: kata keys whose file was found
    ignored: list[str] = field(default_factory=list)  #: other files in the submission, not used
    problems: list[str] = field(default_factory=list)  #: files that looked like katas but were refused


def _kata_paths(katas: list[Kata]) -> dict[tuple[str, str], Kata]:
    return {(k.chapter, f"{k.id}.py"): k for k in katas}


def _match(parts: tuple[str, ...], wanted: dict[tuple[str, str], Kata]) -> Kata | None:
    """The kata for a path ending in `chNN_x/exNN_y.py`, under at most `exercises/` and one
    top folder (how a zip of a repository usually looks)."""
    if len(parts) < 2 or len(parts) > 4 or parts[-2:] not in wanted:
        return None
    prefix = parts[:-2]
    if len(prefix) <= 1 or prefix[1] == "exercises":  # "", "exercises/", "top/", "top/exercises/"
        return wanted[(parts[-2], parts[-1])]
    return None


def _files(root: Path) -> list[Path]:
    """Every file under `root`, never following a symbolic link out of it (links are listed)."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        found += [Path(folder) / name for name in files]
        found += [Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink()]
    return sorted(found)


def _from_folder(path: Path, wanted: dict[tuple[str, str], Kata], scratch: Path, out: Prepared) -> None:
    for file in _files(path):
        rel = file.relative_to(path)
        if any(part in ("__pycache__", ".git", ".ipynb_checkpoints") for part in rel.parts):
            continue
        kata = _match(rel.parts, wanted)
        if kata is None:
            out.ignored.append(rel.as_posix())
            continue
        try:
            _take(kata, read_regular(file, MAX_FILE_BYTES), scratch, out, rel.as_posix())
        except GradeError as e:  # NotRegular too
            out.problems.append(f"{rel.as_posix()}: {str(e).removeprefix(str(file) + ': ')}; refused")


def _from_zip(path: Path, wanted: dict[tuple[str, str], Kata], scratch: Path, out: Prepared) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise GradeError(f"--submission {path}: not a readable zip file ({e})") from None
    with archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if info.is_dir() or "__MACOSX" in name.parts:
                continue
            kata = _match(name.parts, wanted) if not name.is_absolute() and ".." not in name.parts else None
            if kata is None:
                out.ignored.append(info.filename)
            elif info.file_size > MAX_FILE_BYTES or len(data := _read_entry(path, archive, info)) > MAX_FILE_BYTES:
                out.problems.append(f"{info.filename}: larger than {MAX_FILE_BYTES:,} bytes; refused")
            else:
                _take(kata, data, scratch, out, info.filename)


def _read_entry(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry of a zip, or a GradeError saying in plain words why it cannot be read."""
    import zlib

    where = f"--submission {path}: {info.filename}"
    if info.flag_bits & 0x1:
        raise GradeError(f"{where} is encrypted (the zip has a password); zip the files again without one")
    try:
        with archive.open(info) as f:
            return f.read(MAX_FILE_BYTES + 1)
    except NotImplementedError:
        raise GradeError(f"{where} is compressed with a method this grader cannot read (method "
                         f"{info.compress_type}); zip the files again with the usual method (deflate)") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as e:
        raise GradeError(f"{where} is damaged ({e}); download the submission again, or zip it again") from None


def _take(kata: Kata, data: bytes, scratch: Path, out: Prepared, where: str) -> None:
    if kata.key in out.taken:
        out.problems.append(f"{where}: a second file for {kata.key}; the first one is graded")
        return
    target = scratch / kata.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    out.taken.append(kata.key)


def prepare(path: Path, katas: list[Kata], scratch: Path) -> Prepared:
    """Copy the kata files of submission `path` into `scratch` (laid out like exercises/)."""
    path = Path(path)
    wanted = _kata_paths(katas)
    out = Prepared()
    if path.is_dir():
        _from_folder(path, wanted, scratch, out)
    elif path.suffix.lower() == ".zip" and path.is_file():
        _from_zip(path, wanted, scratch, out)
    elif path.suffix.lower() == ".ipynb" and path.is_file():
        from .notebook import extract_notebook

        notes = extract_notebook(path, katas, scratch)
        out.problems.extend(notes)
        out.taken.extend(k.key for k in katas if (scratch / k.path).is_file())
    elif not path.exists():
        raise GradeError(f"--submission {path}: no such file or folder")
    else:
        raise GradeError(f"--submission must be a folder, a .zip or a .ipynb notebook (got {path})")
    return out
