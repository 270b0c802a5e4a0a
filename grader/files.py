"""Reading files a learner or a student wrote, and writing the grader's own, safely.

A learner's file may be anything: a FIFO (opening it for reading waits for a writer
forever), a device, a link to somewhere else. `open_regular` and `read_regular` take only
regular files, checked on the open file itself so nothing can be swapped in between.
`write_atomic` writes so that a reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import GradeError

__all__ = ["MAX_KATA_FILE", "NotRegular", "open_regular", "read_regular", "replace_keeping_backup", "sha256_of",
           "write_atomic"]

MAX_KATA_FILE = 1_000_000  # bytes of a kata file; a larger one has no hash


class NotRegular(GradeError):
    """A path that is not a regular file (a link, a FIFO, a device, a socket, a folder)."""


def open_regular(path: str | Path) -> int:
    """A read-only descriptor of the regular file `path`; NotRegular for anything else,
    GradeError when it cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        if e.errno == 40:  # ELOOP: the last part is a symbolic link
            raise NotRegular(f"{path}: a symbolic link, not a file") from None
        raise GradeError(f"{path}: cannot be read ({e.strerror})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegular(f"{path}: not a regular file (a FIFO, device, socket or folder)")
    return fd


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file `path`; GradeError if it holds more than `limit`."""
    with os.fdopen(open_regular(path), "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise GradeError(f"{path}: larger than {limit:,} bytes")
    return data


def sha256_of(path: str | Path, limit: int = MAX_KATA_FILE) -> str | None:
    """The sha256 of the regular file `path` (a graded kata file: for audits, and so that watch
    need not grade an unchanged pass again); None when it is missing, larger than `limit` or
    not a regular file."""
    import hashlib

    try:
        return hashlib.sha256(read_regular(path, limit)).hexdigest()
    except GradeError:
        return None


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so readers see the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_keeping_backup(target: Path, text: str, backups: Path, relative: str) -> Path | None:
    """Write `text` to the learner's file `target`, first copying what was there to
    `backups/<time>/<relative>` (two replacements within a second keep both); the backup's
    path, or None when there was no file. A link or FIFO in its place is removed, never followed."""
    import shutil
    import time

    backup = backups / time.strftime("%Y%m%d-%H%M%S") / relative
    had_file = target.is_file() and not target.is_symlink()
    if had_file:
        while backup.exists():
            backup = backup.with_name(backup.stem + "_" + backup.suffix)
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup, follow_symlinks=False)
    if os.path.lexists(target) and not had_file:
        os.unlink(target)
    write_atomic(target, text)
    return backup if had_file else None
