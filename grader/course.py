"""Which course graded a report: its git commit (where the course is a git checkout) and a
hash of everything that decides a verdict for the katas graded (their manifests, hidden
tests, mistake catalogues and reference solutions, and the grader itself).

Two runs with the same `identity` judged the same katas the same way, so their reports may
share a gradebook; `grade merge` refuses shards whose identities differ.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import paths
from .manifest import Kata

__all__ = ["commit", "content_hash", "identity"]


def commit(root: Path = paths.ROOT) -> str | None:
    """The course's git commit, with "+changes" when its working tree differs; None outside git."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    head = git("rev-parse", "HEAD")
    if head is None:
        return None
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _files(katas: Iterable[Kata], root: Path) -> list[Path]:
    found: set[Path] = {p for p in (root / "grader").rglob("*.py") if "__pycache__" not in p.parts}
    for kata in katas:
        found |= {root / "exercises" / kata.chapter / "chapter.toml", root / "tests" / kata.test_path,
                  root / "solutions" / kata.path}
        found |= {p for p in (root / "tests" / kata.chapter / "mistakes" / kata.id).glob("*") if p.is_file()}
    return sorted(p for p in found if p.is_file())


def content_hash(katas: Iterable[Kata], root: Path = paths.ROOT) -> str:
    """sha256 over the files that judge `katas` (names and contents)."""
    digest = hashlib.sha256()
    for path in _files(katas, root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def identity(katas: list[Kata], root: Path = paths.ROOT) -> dict[str, Any]:
    """The run's identity: the katas' keys, the course commit and the content hash."""
    return {"targets": [k.key for k in katas], "commit": commit(root), "content": content_hash(katas, root)}
