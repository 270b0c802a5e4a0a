"""`grade reset KATA`: put the original stub back, after asking, keeping a backup."""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Any

from . import paths
from .files import write_atomic
from .i18n import t
from .manifest import Kata
from .stubgen import pristine_stub

__all__ = ["reset"]


def reset(console: Any, kata: Kata, lang: str, assume_yes: bool = False) -> bool:
    """Restore `kata`'s stub in exercises/; True when the file is the stub afterwards (it
    was replaced, or already was), False when the learner kept their version."""
    target = paths.EXERCISES / kata.path
    stub = pristine_stub(kata)
    if target.is_file() and target.read_text(encoding="utf-8", errors="replace") == stub:
        console.print(t("reset_pristine", lang, path=target))
        return True
    if os.path.lexists(target) and not assume_yes:
        if not sys.stdin.isatty():
            console.print(t("reset_no_tty", lang, path=target), style="yellow")
            return False
        if input(t("reset_ask", lang, path=target)).strip().lower() not in ("y", "yes"):
            console.print(t("reset_kept", lang, path=target))
            return False
    backup = paths.STATE / "backups" / time.strftime("%Y%m%d-%H%M%S") / kata.path
    had_file = target.is_file()
    if had_file:
        while backup.exists():  # two resets within a second keep both versions
            backup = backup.with_name(backup.stem + "_" + backup.suffix)
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup, follow_symlinks=False)
    if os.path.lexists(target) and not had_file:
        os.unlink(target)  # a link or a FIFO in its place: the stub replaces it, nothing is followed
    write_atomic(target, stub)
    console.print(t("reset_done", lang, path=target, backup=backup if had_file else "-"))
    return True
