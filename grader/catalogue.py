"""Each kata's catalogue of common mistakes and accepted alternatives, next to its tests:

    tests/chNN_topic/mistakes/exNN_name/
        catalogue.toml     written by hand: every entry a kata file and why (English, Chinese)
        *.py               the kata files, each a whole file a learner could have written
        signatures.json    which tests each mistake fails (`grade dev sync` writes it)

    format_version = 1

    [[mistake]]                     # at least four: each must be rejected
    file = "no_zero_grad.py"
    en = "the optimizer's gradients are never cleared, so each step adds the previous ones"
    zh = "优化器的梯度从未清零，所以每一步都会把之前的梯度累加进来"

    [[alternative]]                 # at least one: each must be accepted
    file = "grad_function.py"
    en = "torch.autograd.grad instead of .backward()"
    zh = "用 torch.autograd.grad 代替 .backward()"

`grade dev check` proves every mistake is rejected and every alternative accepted. When a
learner's answer fails exactly the tests a catalogued mistake fails, the first of them in
the same way (the first message, kept in both languages, alike but for its numbers),
`diagnose` names the mistake; an answer that fails those tests some other way is not named.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import GradeError
from .manifest import Kata
from .results import KataResult

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["FORMAT_VERSION", "MIN_MISTAKES", "MIN_ALTERNATIVES", "CatalogueError", "Entry", "Catalogue", "folder",
           "load", "signature", "behaviour", "diagnose", "grade_entries", "write_signatures"]

FORMAT_VERSION = 1
MIN_MISTAKES, MIN_ALTERNATIVES = 4, 1
SIGNATURES = "signatures.json"


class CatalogueError(GradeError):
    """A catalogue that is missing, malformed or points at a file that is not there."""


@dataclass(frozen=True)
class Entry:
    """One catalogued kata file."""

    file: Path  #: the kata file, a learner's whole file
    en: str  #: why it is wrong (a mistake) or how it differs (an alternative), in English
    zh: str  #: the same in Chinese

    def reason(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Catalogue:
    """A kata's mistakes and alternatives, and what each mistake fails."""

    kata: Kata
    mistakes: tuple[Entry, ...]
    alternatives: tuple[Entry, ...]
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)  #: file -> {"fails", "first": {lang: text}}


def folder(kata: Kata) -> Path:
    return paths.TESTS / kata.chapter / "mistakes" / kata.id


def _entries(raw: dict, kind: str, where: Path) -> tuple[Entry, ...]:
    entries = []
    for item in raw.get(kind, []):
        if not isinstance(item, dict) or set(item) != {"file", "en", "zh"} or not all(
                isinstance(v, str) and v.strip() for v in item.values()):
            raise CatalogueError(f"{where}: every [[{kind}]] needs file, en and zh, and nothing else (got {item!r})")
        path = where.parent / item["file"]
        if not path.is_file():
            raise CatalogueError(f"{where}: {item['file']} does not exist")
        entries.append(Entry(path, item["en"].strip(), item["zh"].strip()))
    return tuple(entries)


def load(kata: Kata) -> Catalogue:
    """The kata's catalogue; CatalogueError when it is missing or malformed."""
    where = folder(kata) / "catalogue.toml"
    try:
        raw = tomllib.loads(where.read_text(encoding="utf-8"))
    except OSError:
        raise CatalogueError(f"{kata.key} has no mistake catalogue ({where})") from None
    except tomllib.TOMLDecodeError as e:
        raise CatalogueError(f"{where}: {e}") from None
    if raw.get("format_version") != FORMAT_VERSION or set(raw) - {"format_version", "mistake", "alternative"}:
        raise CatalogueError(f"{where}: format_version = {FORMAT_VERSION}, [[mistake]] and [[alternative]] only")
    return Catalogue(kata, _entries(raw, "mistake", where), _entries(raw, "alternative", where),
                     _signatures(where.parent / SIGNATURES))


def _signatures(path: Path) -> dict[str, dict[str, Any]]:
    """signatures.json, keeping only well-formed entries (a hand-edited or old file must
    never stop grading; `grade dev check --strict` says when one is out of date)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {name: entry for name, entry in raw.items() if isinstance(entry, dict)
            and isinstance(entry.get("fails"), list) and all(isinstance(f, str) for f in entry["fails"])
            and isinstance(entry.get("first", {}), dict)}


def signature(result: KataResult) -> dict[str, Any]:
    """What a failing result looks like to the catalogue: the tests it failed, and the first
    failure's message (without the random names of the worker's folders)."""
    failed = [t for t in result.tests if t.outcome == "failed"]
    first = re.sub(r"tmp-[0-9a-f]{16}", "tmp-…", failed[0].message) if failed else ""
    return {"fails": sorted(t.name for t in failed), "first": first}


def behaviour(message: str) -> str:
    """What kind of failure a message tells of: its first line with every number and quoted
    path blanked, so that the same mistake written another way, or graded in another folder,
    still matches ("expected #, got #") while a different failure of the same tests (an
    exception instead of a wrong value) does not."""
    lines = message.strip().splitlines()
    if not lines:
        return ""
    line = re.sub(r"'(?:/|\.\.)[^'\n]*'", "'…'", lines[0])  # a path quoted in a call: where, not what
    return re.sub(r"0x[0-9a-fA-F]+|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", "#", line)


def diagnose(catalogue: Catalogue, result: KataResult, lang: str) -> Entry | None:
    """The catalogued mistake that fails the way `result` (graded in `lang`) does, if exactly
    one does: the same tests fail, the first of them in the same way (and, should two
    mistakes still look alike, with the very same message)."""
    seen = signature(result)
    if not seen["fails"]:
        return None

    def recorded(m: Entry) -> str | None:
        return catalogue.signatures.get(m.file.name, {}).get("first", {}).get(lang)

    same = [m for m in catalogue.mistakes if catalogue.signatures.get(m.file.name, {}).get("fails") == seen["fails"]
            and behaviour(recorded(m) or "") == behaviour(seen["first"])]
    if len(same) > 1:
        same = [m for m in same if _unexplained(recorded(m) or "") == _unexplained(seen["first"])]
    return same[0] if len(same) == 1 else None


def _unexplained(message: str) -> str:
    """`message` without the lines explaining torch's errors (explain.py): rewording an
    explanation must not stop a recorded mistake from being recognised."""
    from .i18n import MESSAGES

    prefixes = tuple(text.split("{")[0] for text in MESSAGES["run_explained"])
    return "\n".join(line for line in message.splitlines() if not line.startswith(prefixes))


def grade_entries(catalogues: list[Catalogue], sandbox: Any, kinds: tuple[str, ...] = ("mistake", "alternative")
                  ) -> list[tuple[Catalogue, Entry, str, KataResult]]:
    """Grade the catalogued files of the given `kinds`: (catalogue, entry, kind, result).
    Round r grades the r-th file of every kata at once, in one run."""
    from .pipeline import grade
    from .run import GradingRun
    from .sandbox import temporary_folder

    rows = []
    for kind in kinds:
        lists = [(c, c.mistakes if kind == "mistake" else c.alternatives) for c in catalogues]
        for r in range(max((len(entries) for _, entries in lists), default=0)):
            round_ = [(c, entries[r]) for c, entries in lists if r < len(entries)]
            with temporary_folder("catalogue") as tmp:
                for c, entry in round_:
                    (Path(tmp) / c.kata.chapter).mkdir(exist_ok=True)
                    shutil.copyfile(entry.file, Path(tmp) / c.kata.path)
                results = grade(GradingRun(tuple(c.kata for c, _ in round_), Path(tmp)), sandbox)
            rows += [(c, entry, kind, result) for (c, entry), result in zip(round_, results, strict=True)]
    return rows


def write_signatures(rows_by_lang: dict[str, list[tuple[Catalogue, Entry, str, KataResult]]]) -> int:
    """Write each kata's signatures.json from its mistakes graded in each language; how many
    files changed."""
    by_kata: dict[Path, dict[str, Any]] = {}
    for lang, rows in rows_by_lang.items():
        for c, entry, kind, result in rows:
            if kind == "mistake" and result.status == "failing":
                seen = signature(result)
                known = by_kata.setdefault(folder(c.kata), {}).setdefault(entry.file.name, {"fails": seen["fails"]})
                known.setdefault("first", {})[lang] = seen["first"]
    changed = 0
    for where, signatures in by_kata.items():
        text = json.dumps(dict(sorted(signatures.items())), indent=2, ensure_ascii=False) + "\n"
        target = where / SIGNATURES
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    return changed
