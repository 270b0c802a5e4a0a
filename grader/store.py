"""The learner's progress: an SQLite database in `.grade/progress.db`.

Every graded kata is one row in `attempts`; every hint shown is one row in `hints`; every
`grade reset` is one row in `resets`, after which the kata starts again as "not started".
Every reference solution shown (`grade solution`) is one row in `solutions`: a table of its
own, created on open, so an older database gains it without a migration.
A skipped attempt (no GPU, no data) never hides an earned pass. An attempt may carry the
sha256 of the kata file it graded, so that `grade watch` need not grade an unchanged pass again.
Writes are transactions, the database runs in WAL mode with a busy timeout, so two
`grade` processes at once wait for each other instead of corrupting it, and a `kill -9`
mid-run loses at most the run in flight. A database that is corrupt, or was written by a
newer grader, is moved aside (never deleted) with a warning, and a fresh one is created;
one written by an older grader is brought up to date in place by MIGRATIONS, history kept.
The learner's exercise files are never touched here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .i18n import say
from .results import KataResult

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "Attempt"]

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    kata TEXT NOT NULL,          -- full key, e.g. ch03_autograd.ex01_derivative
    status TEXT NOT NULL,        -- passed | failing | not started | skipped
    duration REAL NOT NULL,      -- seconds
    torch TEXT NOT NULL,         -- torch version that graded it
    at TEXT NOT NULL,            -- UTC time, ISO 8601
    sha256 TEXT                  -- of the kata file graded, NULL when unknown (before version 2)
);
CREATE INDEX IF NOT EXISTS attempts_kata ON attempts (kata, id);
CREATE TABLE IF NOT EXISTS hints (
    id INTEGER PRIMARY KEY,
    kata TEXT NOT NULL,
    tier INTEGER NOT NULL,       -- 1 = the first hint
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS resets (
    id INTEGER PRIMARY KEY,
    kata TEXT NOT NULL,
    after INTEGER NOT NULL,      -- the last attempt before the reset: later ones count again
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS solutions (
    id INTEGER PRIMARY KEY,
    kata TEXT NOT NULL,          -- the kata whose reference solution `grade solution` showed
    passed INTEGER NOT NULL,     -- 1 if it was passed then, 0 if shown before a pass
    at TEXT NOT NULL
);
"""
# What brings a database of version N - 1 to version N. A new database gets SCHEMA whole;
# an older one keeps every row: columns are only ever added, and nullable.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE attempts ADD COLUMN sha256 TEXT",),
}


class StoreError(Exception):
    """The progress database cannot be written (read-only folder, disk full)."""


@dataclass(frozen=True)
class Attempt:
    """One graded kata, as stored."""

    kata: str
    status: str
    duration: float
    torch: str
    at: dt.datetime


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """Progress database; open with `Store(path, warn=print)`."""

    def __init__(self, path: Path, warn: Callable[[str], None] = print):
        self.path = Path(path)
        self.warn = warn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._open()
        except sqlite3.OperationalError as e:  # disk full, read-only, I/O error: not a corrupt file
            raise StoreError(say(f"cannot write {self.path}: {e} (is the disk full or read-only?)",
                                 f"无法写入 {self.path}：{e}（磁盘已满或只读？）")) from None
        except sqlite3.DatabaseError as e:
            self._move_aside(say(f"unreadable ({e})", f"无法读取（{e}）"))
            self.db = self._open()
        except OSError as e:
            raise StoreError(f"cannot create {self.path.parent}: {e}") from None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            version = self._version(db)
            if version > SCHEMA_VERSION:
                db.close()
                self._move_aside(say(f"written by a newer torchkata (format {version})",
                                     f"由更新版本的 torchkata 写入（格式 {version}）"))
                return self._open()
            with _transaction(db):
                version = self._version(db)  # again: another process may have migrated it meanwhile
                for statement in _statements():  # executescript would commit on its own
                    db.execute(statement)
                for step in range(version + 1, SCHEMA_VERSION + 1) if version else ():  # 0: made just now
                    for statement in MIGRATIONS[step]:
                        db.execute(statement)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            return db
        except sqlite3.DatabaseError:
            db.close()
            raise

    @staticmethod
    def _version(db: sqlite3.Connection) -> int:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            return 0
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def _move_aside(self, why: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.{stamp}.bak")
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                p.replace(Path(str(aside) + suffix))
        self.warn(say(f"progress database {self.path} was {why}; moved it to {aside} and started a fresh one",
                      f"进度数据库 {self.path} {why}；已移到 {aside}，并新建了一个"))

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------
    def record(self, results: Iterable[KataResult], torch_version: str,
               hashes: Mapping[str, str | None] | None = None) -> None:
        """Store one attempt per result, all in one transaction; `hashes`: the sha256 of each
        kata file graded, by full key, taken before grading began."""
        hashes = hashes or {}
        rows = [(r.full_key, r.status, r.duration, torch_version, _now(), hashes.get(r.full_key)) for r in results]
        try:
            with _transaction(self.db):
                self.db.executemany(
                    "INSERT INTO attempts (kata, status, duration, torch, at, sha256) VALUES (?, ?, ?, ?, ?, ?)", rows
                )
        except sqlite3.OperationalError as e:
            raise StoreError(f"progress not saved to {self.path}: {e}") from None

    def record_reset(self, kata: str) -> None:
        """`grade reset`: the kata's earlier attempts no longer give its status."""
        try:
            with _transaction(self.db):
                self.db.execute("INSERT INTO resets (kata, after, at) VALUES (?, (SELECT COALESCE(MAX(id), 0) "
                                "FROM attempts), ?)", (kata, _now()))
        except sqlite3.OperationalError as e:
            raise StoreError(f"reset not saved to {self.path}: {e}") from None

    def record_hint(self, kata: str, tier: int) -> None:
        try:
            with _transaction(self.db):
                self.db.execute("INSERT INTO hints (kata, tier, at) VALUES (?, ?, ?)", (kata, tier, _now()))
        except sqlite3.OperationalError as e:
            raise StoreError(f"hint not saved to {self.path}: {e}") from None

    def record_solution(self, kata: str, passed: bool) -> None:
        """`grade solution` showed the reference; `passed` tells a look back from a way out."""
        try:
            with _transaction(self.db):
                self.db.execute("INSERT INTO solutions (kata, passed, at) VALUES (?, ?, ?)",
                                (kata, int(passed), _now()))
        except sqlite3.OperationalError as e:
            raise StoreError(f"solution view not saved to {self.path}: {e}") from None

    # -- reading ---------------------------------------------------------------------------
    def latest(self) -> dict[str, str]:
        """The status of every kata graded since its last reset: its latest attempt, except
        that a skipped one (no GPU, no data) never replaces a pass."""
        return {kata: status for kata, (status, _) in self._standing().items()}

    def passed_hashes(self) -> dict[str, str]:
        """The kata file's sha256 recorded with each pass that gives a kata its status
        (see `latest`); a kata passed before hashes were recorded is left out."""
        return {kata: sha for kata, (status, sha) in self._standing().items() if status == "passed" and sha}

    def _standing(self) -> dict[str, tuple[str, str | None]]:
        """kata -> (status, sha256) of the attempt that gives its status."""
        rows = self.db.execute(
            "SELECT kata, status, sha256 FROM attempts a WHERE id > COALESCE((SELECT MAX(after) FROM resets r "
            "WHERE r.kata = a.kata), 0) ORDER BY id")
        standing: dict[str, tuple[str, str | None]] = {}
        for kata, status, sha in rows:
            if not (status == "skipped" and standing.get(kata, ("",))[0] == "passed"):
                standing[kata] = (status, sha)
        return standing

    def attempts(self) -> list[Attempt]:
        rows = self.db.execute("SELECT kata, status, duration, torch, at FROM attempts ORDER BY id")
        return [Attempt(k, s, d, t, dt.datetime.fromisoformat(a)) for k, s, d, t, a in rows]

    def hint_count(self) -> int:
        """Hints shown so far, all katas together."""
        return int(self.db.execute("SELECT COUNT(*) FROM hints").fetchone()[0])

    def hints_shown(self, kata: str) -> int:
        row = self.db.execute("SELECT MAX(tier) FROM hints WHERE kata = ?", (kata,)).fetchone()
        return int(row[0] or 0)


def _statements() -> list[str]:
    return [s.strip() for s in SCHEMA.split(";") if s.strip()]


class _transaction:
    """`with _transaction(db):` BEGIN IMMEDIATE … COMMIT, or ROLLBACK on error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")
