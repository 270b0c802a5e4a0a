"""`--submission PATH`: take only the expected kata files from a student's work.

PATH is what a learning-management system hands over, in any of these forms:

- a folder with the `exercises/` layout, or just its chapter folders (a repository);
- a folder of flat kata files, `ex01_derivative.py` ... without chapter folders (how Gradescope
  uploads them): kata file names are unique across the course (`grade dev check` proves it),
  so each file is placed in its chapter;
- a `.zip` of any of these, or a Jupyter notebook (see notebook.py);
- a folder holding one notebook or one zip, at its top or one folder down (a Moodle download:
  `alice_12345_assignsubmission_file_/work.zip`). A zip inside a zip is opened, one level only.

Kata files beside a notebook or a zip are what is graded (the notebook is not, with a note);
two notebooks or zips and no kata files are ambiguous. A submission without a single kata file
is a `GradeError`, never a silent 0: a gradebook must tell "handed in nothing we can read"
from "not started".

Nothing else from it is used: a `conftest.py`, `pytest.ini`, `sitecustomize.py` or extra module
is ignored and listed, so the tests, the solutions and the pytest configuration always come
from the grader's own repository. `Prepared.notes` says, one line each, what was taken and how;
every report carries them (the JSON report's `notes`, the gradebook's notes column, the log).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import GradeError
from .files import NotRegular, open_regular
from .i18n import t
from .manifest import Kata

__all__ = ["MAX_FILE_BYTES", "MAX_NOTEBOOK_BYTES", "Prepared", "prepare"]

MAX_FILE_BYTES = 1_000_000  # a kata file is a few KB; anything this big is not one
MAX_NOTEBOOK_BYTES = 50_000_000  # a notebook keeps its outputs (plots, logs); also a zip inside a zip
CONTAINERS = (".ipynb", ".zip")
SKIPPED = ("__pycache__", ".git", ".ipynb_checkpoints", "__MACOSX")  # tool litter, never listed
SHOWN = 8  # names a note lists before "and N more"


@dataclass
class Prepared:
    """What was taken from a submission."""

    taken: list[str] = field(default_factory=list)  #: kata keys whose file was found
    ignored: list[str] = field(default_factory=list)  #: other files in the submission, not used
    elsewhere: list[str] = field(default_factory=list)  #: kata files of katas not graded in this run
    problems: list[str] = field(default_factory=list)  #: files that looked like katas but were refused
    placed: list[str] = field(default_factory=list)  #: flat files placed in their chapter ("ex01_a.py → ch01_x/")
    notes: list[str] = field(default_factory=list)  #: all of the above and how it was read, one line each


class _Refused(GradeError):
    """One file not taken (a link, a FIFO, too large): a note, not the end of grading."""


@dataclass(frozen=True)
class _Entry:
    """A file of the submission, in a folder or in a zip."""

    name: str  #: its path inside the folder or zip, with "/"
    read: Callable[[int], bytes]  #: its bytes, at most the limit given; _Refused, or GradeError when unreadable
    file: Path | None = None  #: where it lies, when in a folder: a zip there is read as it is needed, not whole


@dataclass(frozen=True)
class _Course:
    """Every kata a submission's file could be, and the ones graded now."""

    graded: tuple[Kata, ...]
    by_path: dict[tuple[str, str], Kata]  #: (chapter, file name) -> kata
    by_name: dict[str, Kata]  #: file name -> kata (names are unique across the course)
    lang: str

    def kata_of(self, parts: tuple[str, ...]) -> tuple[Kata, bool] | None:
        """(kata, placed flat?) for a path ending in `chNN_x/exNN_y.py` under at most `exercises/`
        and one top folder (how a zip of a repository looks), or a bare `exNN_y.py` at the top
        or in one folder that is not a chapter's."""
        if 2 <= len(parts) <= 4 and parts[-2:] in self.by_path:
            prefix = parts[:-2]
            if len(prefix) <= 1 or prefix[1] == "exercises":  # "", "exercises/", "top/", "top/exercises/"
                return self.by_path[(parts[-2], parts[-1])], False
        chapters = {chapter for chapter, _ in self.by_path}
        if len(parts) <= 2 and parts[-1] in self.by_name and (len(parts) == 1 or parts[0] not in chapters):
            return self.by_name[parts[-1]], True
        return None


def _names(names: list[str], lang: str) -> str:
    shown = ", ".join(names[:SHOWN])
    return t("sub_more", lang, names=shown, count=len(names) - SHOWN) if len(names) > SHOWN else shown


# -- the files of a folder or a zip --------------------------------------------------------

def _files(root: Path) -> list[Path]:
    """Every file under `root`, never following a symbolic link out of it (links are listed)."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        found += [Path(folder) / name for name in files]
        found += [Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink()]
    return sorted(found)


def _open_file(path: Path, name: str, lang: str) -> IO[bytes]:
    """The regular file `path` (never a link, nor a FIFO that would wait forever), or _Refused."""
    try:
        return os.fdopen(open_regular(path), "rb")
    except NotRegular:
        raise _Refused(t("sub_link" if path.is_symlink() else "sub_special", lang, name=name)) from None
    except GradeError as e:
        raise _Refused(t("sub_unreadable", lang, name=name, why=str(e).removeprefix(f"{path}: "))) from None


def _read_file(path: Path, name: str, lang: str, limit: int) -> bytes:
    with _open_file(path, name, lang) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _Refused(t("sub_large", lang, name=name, limit=limit))
    return data


def _folder(root: Path, lang: str) -> list[_Entry]:
    names = [(f, f.relative_to(root).as_posix()) for f in _files(root)]
    return [_Entry(name, partial(_read_file, f, name, lang), f) for f, name in names]


def _read_entry(where: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, lang: str, limit: int) -> bytes:
    """One entry of a zip, or a GradeError saying in plain words why it cannot be read."""
    import zlib

    where = f"--submission {where}: {info.filename}"
    if info.flag_bits & 0x1:
        raise GradeError(t("sub_encrypted", lang, where=where))
    if info.file_size > limit:
        raise _Refused(t("sub_large", lang, name=info.filename, limit=limit))
    try:
        with archive.open(info) as f:
            data = f.read(limit + 1)
    except NotImplementedError:
        raise GradeError(t("sub_method", lang, where=where, method=info.compress_type)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as e:
        raise GradeError(t("sub_damaged", lang, where=where, why=e)) from None
    if len(data) > limit:
        raise _Refused(t("sub_large", lang, name=info.filename, limit=limit))
    return data


def _open_zip(file: str | Path | IO[bytes], where: str, lang: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as e:
        raise GradeError(t("sub_bad_zip", lang, where=where, why=e)) from None


# -- taking the kata files -----------------------------------------------------------------

def _collect(entries: list[_Entry], where: str, course: _Course, scratch: Path, out: Prepared, zips: int) -> None:
    """Take the kata files among `entries`; if there are none, the one notebook or zip there.
    `zips`: how many zips deep `entries` lie (0 for the folder handed in)."""
    containers: list[_Entry] = []
    found = False
    for entry in entries:
        parts = PurePosixPath(entry.name).parts
        if any(part in SKIPPED for part in parts):
            continue
        safe = not PurePosixPath(entry.name).is_absolute() and ".." not in parts
        match = course.kata_of(parts) if safe else None
        if match is None:
            if safe and len(parts) <= 2 and PurePosixPath(entry.name).suffix.lower() in CONTAINERS:
                containers.append(entry)
            else:
                out.ignored.append(entry.name)
            continue
        kata, flat = match
        if kata not in course.graded:
            out.elsewhere.append(entry.name)
            continue
        found = True
        try:
            data = entry.read(MAX_FILE_BYTES)
        except _Refused as e:
            out.problems.append(str(e))
            continue
        if _take(kata, data, scratch, out, entry.name, course.lang) and flat:
            out.placed.append(f"{entry.name} → {kata.chapter}/")
    if found:
        out.notes += [t("sub_beside", course.lang, name=c.name) for c in containers]
    elif len(containers) == 1:
        _open(containers[0], where, course, scratch, out, zips)
    elif containers:
        raise GradeError(t("sub_ambiguous", course.lang, where=where, count=len(containers),
                           names=", ".join(c.name for c in containers)))
    else:
        example = ", ".join(f"{k.id}.py" for k in course.graded[:2])
        message = t("sub_empty", course.lang, where=where, example=example)
        if out.elsewhere:
            message += "; " + t("sub_elsewhere", course.lang, names=_names(out.elsewhere, course.lang))
        raise GradeError(message)


def _open(entry: _Entry, where: str, course: _Course, scratch: Path, out: Prepared, zips: int) -> None:
    """Grade the notebook or zip `entry`, the one found where kata files were expected."""
    inner = f"{where} ▸ {entry.name}"
    if entry.name.lower().endswith(".ipynb"):
        data = entry.read(MAX_NOTEBOOK_BYTES)
        out.notes.append(t("sub_opened", course.lang, name=entry.name))
        _notebook(Path(entry.name), course, scratch, out, data)
        return
    if zips >= 2:
        raise GradeError(t("sub_too_deep", course.lang, name=inner))
    file = _open_file(entry.file, entry.name, course.lang) if entry.file else io.BytesIO(entry.read(MAX_NOTEBOOK_BYTES))
    out.notes.append(t("sub_opened", course.lang, name=entry.name))
    with file:
        _from_zip(file, inner, course, scratch, out, zips + 1)


def _from_zip(file: str | Path | IO[bytes], where: str, course: _Course, scratch: Path, out: Prepared,
              zips: int) -> None:
    with _open_zip(file, where, course.lang) as archive:
        entries = [_Entry(info.filename, partial(_read_entry, where, archive, info, course.lang))
                   for info in archive.infolist() if not info.is_dir()]
        _collect(entries, where, course, scratch, out, zips)


def _notebook(path: Path, course: _Course, scratch: Path, out: Prepared, data: bytes | None = None) -> None:
    from .notebook import extract_notebook

    out.notes += extract_notebook(path, list(course.graded), scratch, course.lang, data)
    out.taken += [k.key for k in course.graded if (scratch / k.path).is_file()]


def _take(kata: Kata, data: bytes, scratch: Path, out: Prepared, where: str, lang: str) -> bool:
    if kata.key in out.taken:
        out.problems.append(t("sub_second", lang, name=where, key=kata.key))
        return False
    target = scratch / kata.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    out.taken.append(kata.key)
    return True


def _summarize(out: Prepared, lang: str) -> None:
    """Every remark in `out.notes`: how it was read, then placed, refused, ignored, not graded now."""
    if out.placed:
        out.notes.append(t("sub_placed", lang, names=_names(out.placed, lang)))
    out.notes += out.problems
    if out.ignored:
        out.notes.append(t("sub_ignored", lang, names=_names(out.ignored, lang)))
    if out.elsewhere:
        out.notes.append(t("sub_elsewhere", lang, names=_names(out.elsewhere, lang)))


def prepare(path: Path, katas: list[Kata], scratch: Path, course: list[Kata] | None = None,
            lang: str = "en") -> Prepared:
    """Copy the kata files of submission `path` into `scratch` (laid out like exercises/).
    `katas` are graded now; `course` (default: `katas`) is every kata, so that a file of another
    one is "not graded in this run" rather than "not a kata file". GradeError when nothing can
    be graded: no kata file, an unreadable zip or notebook, two of them."""
    path = Path(path)
    every = course or katas
    known = _Course(tuple(katas), {(k.chapter, f"{k.id}.py"): k for k in every},
                    {f"{k.id}.py": k for k in every}, lang)
    out = Prepared()
    if path.is_dir():
        _collect(_folder(path, lang), str(path), known, scratch, out, 0)
    elif path.suffix.lower() == ".zip" and path.is_file():
        _from_zip(path, str(path), known, scratch, out, 1)
    elif path.suffix.lower() == ".ipynb" and path.is_file():
        _notebook(path, known, scratch, out)
    elif not path.exists():
        raise GradeError(t("sub_missing", lang, path=path))
    else:
        raise GradeError(t("sub_what", lang, path=path))
    _summarize(out, lang)
    return out
