"""Chapter manifests: `exercises/chNN_topic/chapter.toml`, the one source of kata metadata.

A manifest looks like this (format_version 1)::

    format_version = 1
    title = { en = "Autograd", zh = "自动求导" }

    [[kata]]
    id = "ex01_derivative"
    title = { en = "Derivative with autograd", zh = "用 autograd 求导" }
    goal = { en = "...", zh = "..." }
    points = 1                # optional, default 1
    markers = ["slow"]        # optional: "cuda", "slow"
    kind = "implement"        # optional: "implement" (stub raises) or "fix" (stub has a bug)
    timeout = 10              # optional: seconds per call into the learner's code
    data = "train"            # optional: "all" (default) or "train": the worker sees only the
                              # training split of the course's data (the judge keeps the test split)
    explanation = { en = "...", zh = "..." }  # optional: the worked explanation `grade solution`
                              # shows with the reference (why each step, the mistakes it avoids)

    [[kata.hints]]            # at least two, gentle first: the concept, the approach, the near-solution
    en = "..."
    zh = "..."
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .errors import ManifestError

__all__ = ["FORMAT_VERSION", "Chapter", "Kata", "Text", "load_chapter", "load_chapters"]

FORMAT_VERSION = 1
LANGS = ("en", "zh")
MARKERS = ("cuda", "slow")
KINDS = ("implement", "fix")
DATA_VIEWS = ("all", "train")
CHAPTER_DIR = re.compile(r"^ch(\d\d)_([a-z][a-z0-9_]*)$")
KATA_ID = re.compile(r"^ex(\d\d)_([a-z][a-z0-9_]*)$")
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Text:
    """A learner-facing text in every supported language."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to English."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Kata:
    """One kata as the manifest describes it."""

    chapter: str  # folder name, e.g. "ch03_autograd"
    id: str  # module name, e.g. "ex01_derivative"
    title: Text
    goal: Text
    hints: tuple[Text, ...]
    points: int = 1
    markers: tuple[str, ...] = ()
    kind: str = "implement"
    timeout: float = DEFAULT_TIMEOUT
    data: str = "all"
    explanation: Text | None = None

    @property
    def key(self) -> str:
        """Short name used on the command line: "ch03.ex01"."""
        return f"{self.chapter[:4]}.{self.id[:4]}"

    @property
    def full_key(self) -> str:
        """Full dotted name: "ch03_autograd.ex01_derivative"."""
        return f"{self.chapter}.{self.id}"

    @property
    def path(self) -> str:
        """Path of the kata's file relative to `exercises/` or `solutions/`."""
        return f"{self.chapter}/{self.id}.py"

    @property
    def test_path(self) -> str:
        """Path of the kata's test file relative to `tests/`."""
        return f"{self.chapter}/test_{self.id}.py"


@dataclass(frozen=True)
class Chapter:
    """A chapter: its folder, title and katas in order."""

    id: str  # "ch03_autograd"
    number: int  # 3
    slug: str  # "autograd"
    title: Text
    katas: tuple[Kata, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return self.id[:4]


def _text(value: object, where: str) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in LANGS):
        raise ManifestError(f"{where} must be a table with 'en' and 'zh' strings (got {value!r})")
    if not all(value[k].strip() for k in LANGS):
        raise ManifestError(f"{where} must not be empty in any language")
    return Text(en=value["en"].strip(), zh=value["zh"].strip())


def _kata(raw: object, chapter: str, where: str) -> Kata:
    if not isinstance(raw, dict):
        raise ManifestError(f"{where} must be a table (got {raw!r})")
    kid = raw.get("id")
    if not isinstance(kid, str) or not KATA_ID.match(kid):
        raise ManifestError(f"{where}.id must look like 'ex01_name' (got {kid!r})")
    where = f"{where} ({kid})"
    unknown = set(raw) - {"id", "title", "goal", "hints", "points", "markers", "kind", "timeout", "data",
                        "explanation"}
    if unknown:
        raise ManifestError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    hints = raw.get("hints")
    if not isinstance(hints, list) or len(hints) < 2:
        raise ManifestError(f"{where} needs at least two [[kata.hints]] (got {hints!r})")
    points = raw.get("points", 1)
    if not isinstance(points, int) or isinstance(points, bool) or points < 0:
        raise ManifestError(f"{where}.points must be a whole number ≥ 0 (got {points!r})")
    markers = raw.get("markers", [])
    if not isinstance(markers, list) or any(m not in MARKERS for m in markers):
        raise ManifestError(f"{where}.markers must be a list drawn from {MARKERS} (got {markers!r})")
    kind = raw.get("kind", "implement")
    if kind not in KINDS:
        raise ManifestError(f"{where}.kind must be one of {KINDS} (got {kind!r})")
    timeout = raw.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ManifestError(f"{where}.timeout must be a positive number of seconds (got {timeout!r})")
    data = raw.get("data", "all")
    if data not in DATA_VIEWS:
        raise ManifestError(f"{where}.data must be one of {DATA_VIEWS} (got {data!r})")
    return Kata(
        chapter=chapter,
        id=kid,
        title=_text(raw.get("title"), f"{where}.title"),
        goal=_text(raw.get("goal"), f"{where}.goal"),
        hints=tuple(_text(h, f"{where}.hints[{i}]") for i, h in enumerate(hints)),
        points=points,
        markers=tuple(markers),
        kind=kind,
        timeout=float(timeout),
        data=data,
        explanation=_text(raw["explanation"], f"{where}.explanation") if "explanation" in raw else None,
    )


def load_chapter(folder: Path) -> Chapter:
    """Read and validate `folder/chapter.toml`."""
    m = CHAPTER_DIR.match(folder.name)
    if not m:
        raise ManifestError(f"chapter folder must look like 'ch03_topic' (got {folder.name!r})")
    path = folder / "chapter.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: missing chapter manifest") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path}: not valid TOML: {e}") from None
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise ManifestError(
            f"{path}: format_version must be {FORMAT_VERSION} (got {version!r});"
            " a newer manifest needs a newer grader"
        )
    katas_raw = raw.get("kata")
    if not isinstance(katas_raw, list) or not katas_raw:
        raise ManifestError(f"{path}: needs at least one [[kata]] table")
    katas = tuple(_kata(k, folder.name, f"{path}: kata[{i}]") for i, k in enumerate(katas_raw))
    ids = [k.id for k in katas]
    if len(set(ids)) != len(ids) or ids != sorted(ids):
        raise ManifestError(f"{path}: kata ids must be unique and in order (got {ids})")
    if len({k.key for k in katas}) != len(katas):
        raise ManifestError(f"{path}: two katas share a number (got {ids})")
    return Chapter(
        id=folder.name,
        number=int(m.group(1)),
        slug=m.group(2),
        title=_text(raw.get("title"), f"{path}: title"),
        katas=katas,
    )


def load_chapters(exercises: Path, problems: list[ManifestError] | None = None) -> list[Chapter]:
    """Every chapter under `exercises/`, in order. With `problems`, a broken chapter is
    appended there and left out instead of stopping everything."""
    if not exercises.is_dir():
        raise ManifestError(f"{exercises}: exercises folder not found")
    folders = sorted(p for p in exercises.iterdir() if p.is_dir() and CHAPTER_DIR.match(p.name))
    chapters = []
    for folder in folders:
        try:
            chapters.append(load_chapter(folder))
        except ManifestError as e:
            if problems is None:
                raise
            problems.append(e)
    numbers = [c.number for c in chapters]
    if len(set(numbers)) != len(numbers):
        raise ManifestError(f"{exercises}: two chapter folders share a number")
    return chapters
