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
from .manifest import Kata

__all__ = ["MAX_FILE_BYTES", "Prepared", "prepare"]

MAX_FILE_BYTES = 1_000_000  # a kata file is a few KB; anything this big is not one


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
        elif file.is_symlink():
            out.problems.append(f"{rel.as_posix()}: a symbolic link, not a file; refused")
        elif file.stat().st_size > MAX_FILE_BYTES:
            out.problems.append(f"{rel.as_posix()}: larger than {MAX_FILE_BYTES:,} bytes; refused")
        else:
            _take(kata, file.read_bytes(), scratch, out, rel.as_posix())


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
            elif info.file_size > MAX_FILE_BYTES:
                out.problems.append(f"{info.filename}: larger than {MAX_FILE_BYTES:,} bytes; refused")
            else:
                _take(kata, archive.read(info), scratch, out, info.filename)


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
