"""`grade reset KATA`: put the original stub back, after asking, keeping a backup."""

from __future__ import annotations

import os
import sys
from typing import Any

from . import paths
from .files import replace_keeping_backup
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
    backup = replace_keeping_backup(target, stub, paths.STATE / "backups", kata.path)
    console.print(t("reset_done", lang, path=target, backup=backup or "-"))
    return True
