"""`grade watch` as a learner meets it: in a terminal of its own (a pseudo-terminal), keys
typed one at a time, kata files saved, the progress database read afterwards.

Each watch process costs a torch import, so a fixture runs one session and several tests
read what it showed and stored.
"""

from __future__ import annotations

import hashlib
import os
import pty
import queue
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals")

PASSES = '"""Add."""\n\n\ndef add(a, b):\n    return a + b\n'
WRONG = '"""Add."""\n\n\ndef add(a, b):\n    return a - b\n'
SLEEPS = '"""Add."""\nimport time\n\n\ndef add(a, b):\n    time.sleep(60)\n    return a + b\n'
KEYS = "keys: h = hint"


def env_for(repo: Path) -> dict[str, str]:
    return {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "160"}


def rows(repo: Path) -> list[tuple[str, str]]:
    db = repo / ".grade" / "progress.db"
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [(k, s) for k, s in conn.execute("SELECT kata, status FROM attempts ORDER BY id")]


class Terminal:
    """`grade watch ARGS` in a pseudo-terminal, as in a learner's terminal window."""

    def __init__(self, repo: Path, *args: str):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.chdir(repo)
            os.execve(sys.executable, [sys.executable, "-m", "grader", "watch", *args, "--no-color"], env_for(repo))
        self.text = ""

    def _read(self, timeout: float) -> bool:
        if select.select([self.fd], [], [], timeout)[0]:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the other side is gone
                return False
            self.text += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", chunk.decode(errors="replace"))
            return bool(chunk)
        return True

    def read_until(self, text: str, count: int = 1, timeout: float = 60) -> str:
        """Read until `text` has been shown `count` times."""
        deadline = time.monotonic() + timeout
        while self.text.count(text) < count:
            if time.monotonic() > deadline or not self._read(0.1):
                raise AssertionError(f"{text!r} never came (x{count}); the terminal shows:\n{self.text[-3000:]}")
        return self.text

    def read_until_match(self, pattern: str, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        while not (found := re.search(pattern, self.text)):
            if time.monotonic() > deadline or not self._read(0.1):
                raise AssertionError(f"{pattern!r} never matched; the terminal shows:\n{self.text[-3000:]}")
        return found

    def type(self, key: bytes) -> None:
        os.write(self.fd, key)

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._read(0.1)
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"watch did not stop; the terminal shows:\n{self.text[-3000:]}")


# -- q, h and the grading line, while a kata sleeps for a minute -------------------------------
@pytest.fixture(scope="module")
def stopped(tmp_path_factory, kata_repo):
    """ex01 passes, then ex02 sleeps 60 s: watch shows it being graded; h, then q are typed
    once ex02's worker is asleep (torch imported and the template warm, for ex01)."""
    repo = kata_repo(tmp_path_factory.mktemp("stopped"), {"ex01_passes": PASSES, "ex02_sleeps": SLEEPS},
                     timeouts={"ex02_sleeps": 120})
    term = Terminal(repo, "ch01.ex01")
    term.read_until("→ ch01.ex02")
    term.read_until_match(r"grading ch01\.ex02… \([1-9][0-9]*\.[0-9] s\)")  # a second into it, and counting
    term.type(b"h")
    term.read_until("Hint 1/")
    term.type(b"q")
    code = term.wait()  # well before the kata's minute is up, or this fails
    return {"repo": repo, "text": term.text, "code": code}


def test_a_line_names_the_kata_being_graded_and_counts_its_seconds(stopped):
    seconds = re.findall(r"grading ch01\.ex02… \(([0-9]+\.[0-9]) s\)", stopped["text"])
    assert len(set(seconds)) > 1 and float(seconds[0]) < 1 <= float(seconds[-1]), seconds


def test_h_during_a_run_shows_the_next_hint_at_once(stopped):
    before_stop = stopped["text"].split("stopped grading")[0]
    assert "Hint 1/" in before_stop


def test_q_during_a_run_stops_it_and_ends_watch_with_exit_code_0(stopped):
    assert stopped["code"] == 0, stopped["text"]
    assert "stopped grading ch01.ex02: nothing is recorded for it" in stopped["text"]
    assert stopped["text"].rstrip().endswith("stopped watching"), stopped["text"]


def test_q_during_a_run_records_nothing_for_the_kata_it_stopped(stopped):
    assert rows(stopped["repo"]) == [("ch01_demo.ex01_passes", "passed")]
    assert "ch01.ex02  ex02_sleeps" not in stopped["text"]  # no verdict line either


# -- n, p and l across two chapters -----------------------------------------------------------
def two_chapters(root: Path, kata_repo) -> Path:
    """ch01: ex01 passes, ex02 wrong; ch02 (a copy named "More"): the same two katas."""
    repo = kata_repo(root, {"ex01_passes": PASSES, "ex02_wrong": WRONG})
    for folder in ("exercises", "solutions", "tests"):
        shutil.copytree(repo / folder / "ch01_demo", repo / folder / "ch02_more")
    manifest = repo / "exercises/ch02_more/chapter.toml"
    manifest.write_text(manifest.read_text().replace('"Demo"', '"More"'), encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def moved(tmp_path_factory, kata_repo):
    """From ch01.ex02 (failing): n, l, p, p, r, then q, each once watch is idle again."""
    repo = two_chapters(tmp_path_factory.mktemp("moved"), kata_repo)
    term = Terminal(repo, "ch01.ex02")
    steps = {}
    for n, key in enumerate([b"n", b"l", b"p", b"p", b"r", b"q"], start=1):
        term.read_until(KEYS, count=n)
        mark = len(term.text)
        term.type(key)
        if key != b"q":
            term.read_until(KEYS, count=n + 1)
        steps[key.decode() + str(n)] = term.text[mark:]
    assert term.wait() == 0, term.text
    return {"repo": repo, "steps": steps}


def test_n_goes_on_to_the_next_chapter_after_the_last_kata_of_this_one(moved):
    step = moved["steps"]["n1"]
    assert "→ ch02.ex01" in step and "ch02.ex01  ex01_passes" in step and "passed" in step


def test_l_lists_the_current_chapter_only_with_statuses(moved):
    step = moved["steps"]["l2"]
    assert "ch02 · More" in step and "✓ ch02.ex01" in step and "ch02.ex02" in step
    assert "ch01." not in step and "you are on ch02.ex01" in step


def test_p_goes_back_to_the_previous_kata_even_in_the_chapter_before(moved):
    back = moved["steps"]["p3"]
    assert "→ ch01.ex02" in back and "must be 5 (got -1)" in back  # graded again: it never passed
    assert "→ ch01.ex01" in moved["steps"]["p4"]


def test_n_and_p_stay_on_the_kata_they_reach_even_when_it_passes(moved):
    assert "→ ch01.ex02" not in moved["steps"]["p4"]  # ch01.ex01 passed: no moving on by itself
    assert rows(moved["repo"])[-2] == ("ch01_demo.ex01_passes", "passed")


def test_r_grades_the_current_kata_again_and_moves_on_when_it_passes(moved):
    step = moved["steps"]["r5"]
    assert "✓ ch01.ex01" in step and "→ ch01.ex02" in step and "must be 5 (got -1)" in step
    assert rows(moved["repo"])[-3:] == [("ch01_demo.ex01_passes", "passed"), ("ch01_demo.ex01_passes", "passed"),
                                        ("ch01_demo.ex02_wrong", "failing")]


# -- an unchanged pass is not graded again; saves seen by polling ------------------------------
@pytest.fixture(scope="module")
def restarted(tmp_path_factory, kata_repo):
    """Watch ex01, ex02 (both pass) and ex03 (wrong) in Chinese, then quit; edit ex02; watch
    again, with --poll this time, and save a right ex03."""
    repo = kata_repo(tmp_path_factory.mktemp("restarted"),
                     {"ex01_passes": PASSES, "ex02_passes": PASSES, "ex03_wrong": WRONG})
    first = subprocess.run([sys.executable, "-m", "grader", "watch", "--lang", "zh", "--no-color"], cwd=repo,
                           env=env_for(repo),
                           input="q\n", capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    (repo / "exercises/ch01_demo/ex02_passes.py").write_text(PASSES + "# tidied up\n")
    term = Terminal(repo, "--poll")
    term.read_until(KEYS)
    (repo / "exercises/ch01_demo/ex03_wrong.py").write_text(PASSES)
    term.read_until("✓ ch01.ex03")
    return {"repo": repo, "first": first.stdout, "second": term.text, "code": term.wait()}


def test_a_kata_that_passed_and_has_not_changed_is_not_graded_again_on_start(restarted):
    assert "✓ ch01.ex01" in restarted["first"]
    assert "ch01.ex01  ex01_passes" not in restarted["second"]
    assert "1 passed katas have not changed since they passed" in restarted["second"]
    assert rows(restarted["repo"]).count(("ch01_demo.ex01_passes", "passed")) == 1


def test_a_kata_whose_file_changed_since_its_pass_is_graded_again_on_start(restarted):
    assert "→ ch01.ex02" in restarted["second"] and "✓ ch01.ex02" in restarted["second"]
    assert rows(restarted["repo"]).count(("ch01_demo.ex02_passes", "passed")) == 2


def test_each_attempt_records_the_hash_of_the_file_it_graded(restarted):
    with sqlite3.connect(restarted["repo"] / ".grade/progress.db") as db:
        last = db.execute("SELECT sha256 FROM attempts WHERE kata LIKE '%ex02%' ORDER BY id DESC").fetchone()[0]
    assert last == hashlib.sha256((PASSES + "# tidied up\n").encode()).hexdigest()


def test_watch_speaks_chinese_with_lang_zh(restarted):
    first = restarted["first"]
    assert "正在评分 ch01.ex01…" in first and "按键：h = 提示" in first and first.rstrip().endswith("已退出监视模式")
    assert not re.search(r"grading|keys:|stopped|passed", first), first


def test_poll_sees_a_save_without_file_events(restarted):
    assert "every 0.5 s" in restarted["second"]
    assert [s for k, s in rows(restarted["repo"]) if k.endswith("ex03_wrong")] == ["failing", "failing", "passed"]
    assert restarted["code"] == 0  # the last kata passed: watch is done


def test_a_watcher_that_cannot_start_falls_back_to_polling(tmp_path, monkeypatch):
    import watchfiles

    from grader.watch_input import watch_saves

    def broken(*args, **kwargs):
        raise OSError("OS file watch limit reached")

    monkeypatch.setattr(watchfiles, "watch", broken)
    kata = tmp_path / "ex01.py"
    kata.write_text(WRONG)
    events: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=watch_saves, args=(tmp_path, [kata], lambda: kata, events, stop, False, "en"))
    thread.start()
    try:
        kind, notice = events.get(timeout=5)
        assert kind == "notice" and "file watch limit reached" in notice and "every 0.5 s" in notice
        time.sleep(0.1)  # the poller has looked at the file once
        kata.write_text(PASSES)
        assert events.get(timeout=5) == ("saved", {kata.resolve()})
    finally:
        stop.set()
        thread.join()


# -- the progress database from before the hashes ---------------------------------------------
VERSION_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE attempts (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, status TEXT NOT NULL,
    duration REAL NOT NULL, torch TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX attempts_kata ON attempts (kata, id);
CREATE TABLE hints (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, tier INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE resets (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, after INTEGER NOT NULL, at TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO attempts (kata, status, duration, torch, at) VALUES
    ('ch01_demo.ex01', 'failing', 0.5, '2.5.0', '2026-11-01T10:00:00+00:00'),
    ('ch01_demo.ex01', 'passed', 0.4, '2.5.0', '2026-11-01T10:05:00+00:00');
INSERT INTO hints (kata, tier, at) VALUES ('ch01_demo.ex01', 1, '2026-11-01T10:01:00+00:00');
"""


def test_a_database_from_before_the_hashes_keeps_its_history_and_gains_them(tmp_path):
    from grader.results import KataResult
    from grader.store import SCHEMA_VERSION, Store

    path = tmp_path / "progress.db"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_1)
    warnings: list[str] = []
    store = Store(path, warn=warnings.append)
    assert warnings == [] and path.exists()  # migrated in place, not moved aside
    assert [(a.kata, a.status) for a in store.attempts()] == [("ch01_demo.ex01", "failing"),
                                                               ("ch01_demo.ex01", "passed")]
    assert store.hints_shown("ch01_demo.ex01") == 1
    assert store.latest() == {"ch01_demo.ex01": "passed"} and store.passed_hashes() == {}  # no hash known
    store.record([KataResult("ch01.ex02", "ch01_demo.ex02", "passed")], "2.5.0", {"ch01_demo.ex02": "ab" * 32})
    assert store.passed_hashes() == {"ch01_demo.ex02": "ab" * 32}
    store.close()
    reopened = Store(path)  # a second open migrates nothing twice
    assert len(reopened.attempts()) == 3
    version = reopened.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION) == "2"
    reopened.close()


def test_grade_records_the_hash_too_so_watch_does_not_grade_its_pass_again(tmp_path):
    from .conftest import make_repo, run_grade

    repo = make_repo(tmp_path, {"ex01_passes": PASSES})
    assert run_grade(repo, "ch01.ex01").returncode == 0
    with sqlite3.connect(repo / ".grade/progress.db") as db:
        recorded = db.execute("SELECT sha256 FROM attempts").fetchone()[0]
    assert recorded == hashlib.sha256(PASSES.encode()).hexdigest()
