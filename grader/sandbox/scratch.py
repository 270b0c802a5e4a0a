"""The folders workers write in, and their removal, even after a grader was killed.

Every grading process keeps its temporary folders under names that say whose they are
(`kata-PID-KIND-…`), so that a later run can remove those of a grader killed with kill -9
or by a batch budget, and keep those whose process still runs.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

__all__ = ["temporary_folder", "sweep_leftovers", "remove_tree"]


def temporary_folder(kind: str) -> tempfile.TemporaryDirectory:
    """A temporary folder named after this process (`kata-PID-KIND-…`)."""
    return tempfile.TemporaryDirectory(prefix=f"kata-{os.getpid()}-{kind}-", ignore_cleanup_errors=True)


def remove_tree(path: str | Path) -> None:
    """Remove a folder a worker wrote in, also where it took away its own permissions."""

    def allow_and_retry(_function: object, name: str, _error: object) -> None:
        """Give back the permissions a worker took away, never through a symbolic link it
        planted (chmod follows links: the link's target would get them)."""
        try:
            parent = os.path.dirname(name)
            if not os.path.islink(parent):
                os.chmod(parent, stat.S_IRWXU)
            if os.path.islink(name) or not os.path.isdir(name):
                os.unlink(name)
            else:
                os.chmod(name, stat.S_IRWXU)
                remove_tree(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=allow_and_retry)
    else:
        shutil.rmtree(path, onerror=allow_and_retry)


def sweep_leftovers() -> None:
    """Remove the temporary folders of graders that are gone (killed before they could
    clean up). A folder whose process still runs is kept."""
    root = Path(tempfile.gettempdir())
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        match = re.fullmatch(r"kata-(\d+)-[a-z]+-\w+", entry.name)
        if not match or int(match[1]) == os.getpid():
            continue
        try:
            os.kill(int(match[1]), 0)
        except ProcessLookupError:  # gone: nobody will clean this up but us
            remove_tree(entry)
        except (PermissionError, OverflowError):
            pass  # alive, another user's
