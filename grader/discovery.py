"""Turn what a learner types (`chapter3`, `3`, `ch03`, `autograd`, `ch03.ex01`, a file
path) into katas, or an error that suggests the nearest names."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .errors import UnknownTargetError
from .manifest import Chapter, Kata

__all__ = ["aliases", "resolve"]


def _chapter_aliases(ch: Chapter) -> list[str]:
    n = ch.number
    return [ch.id, ch.key, f"ch{n}", f"chapter{n}", f"chapter{n:02d}", str(n), f"{n:02d}", ch.slug]


def _kata_aliases(ch: Chapter, kata: Kata) -> list[str]:
    m = int(kata.id[2:4])
    heads = [ch.id, ch.key, f"ch{ch.number}", str(ch.number), ch.slug]
    tails = [kata.id, kata.id[:4], f"ex{m}", str(m)]
    names = [f"{h}{sep}{t}" for h in heads for t in tails for sep in (".", "/", ":")]
    return names + [f"{ch.id}/{kata.id}.py"]


def aliases(chapters: list[Chapter]) -> dict[str, list[Kata]]:
    """Every accepted name, mapped to the katas it selects."""
    table: dict[str, list[Kata]] = {}
    for ch in chapters:
        for name in _chapter_aliases(ch):
            table.setdefault(name, list(ch.katas))
        for kata in ch.katas:
            for name in _kata_aliases(ch, kata):
                table.setdefault(name, [kata])
    # A kata's own name ("ex01_derivative", "derivative") when no other kata shares it.
    loose: dict[str, list[Kata]] = {}
    for ch in chapters:
        for kata in ch.katas:
            for name in (kata.id, kata.id[5:]):
                loose.setdefault(name, []).append(kata)
    for name, katas in loose.items():
        if len(katas) == 1:
            table.setdefault(name, katas)
    return table


def _normalise(name: str) -> str:
    name = name.strip().lower().replace("\\", "/")
    name = re.sub(r"^(\./)?(exercises|solutions)/", "", name)
    name = re.sub(r"^chapter[ _-]?", "chapter", name)
    return name


def resolve(names: list[str], chapters: list[Chapter]) -> list[Kata]:
    """The katas selected by `names`, in course order, each once."""
    table = aliases(chapters)
    picked: set[str] = set()
    for raw in names:
        name = _normalise(raw)
        if name not in table and Path(raw).suffix == ".py":
            name = _normalise(f"{Path(raw).parent.name}/{Path(raw).name}")
        if name not in table:
            # Suggest the canonical names (chapter keys and kata keys) nearest to the input.
            canonical = [c.key for c in chapters] + [c.slug for c in chapters]
            canonical += [f"chapter{c.number}" for c in chapters]
            canonical += [k.key for c in chapters for k in c.katas]
            canonical += [k.id[5:] for c in chapters for k in c.katas]
            suggestions = difflib.get_close_matches(name, canonical, n=3, cutoff=0.5)
            raise UnknownTargetError(raw, suggestions)
        picked.update(k.full_key for k in table[name])
    return [k for c in chapters for k in c.katas if k.full_key in picked]
