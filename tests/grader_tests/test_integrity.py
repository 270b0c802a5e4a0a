"""The verdict does not depend on how a run was stopped or whether anyone reads its output.

Every case is driven for real: Ctrl-C typed into a pseudo-terminal (the terminal sends
SIGINT to the whole foreground process group, workers included), SIGTERM to the process
group as a CI runner cancelling a job does, a terminal that closes (SIGHUP), a reader that
goes away (`grade | head -3`), a reset. Each checks what is printed and what is stored in
`.grade/progress.db`: a kata is recorded only when all of its tests ran.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals and signals")

PASSES = '"""Add."""\n\n\ndef add(a, b):\n    return a + b\n'
LOOPS = '"""Add."""\n\n\ndef add(a, b):\n    while True:\n        pass\n'
STUB = '"""Add."""\n\n\ndef add(a, b):\n    raise NotImplementedError\n'


@pytest.fixture
def course(tmp_path, kata_repo):
    """ex01 passes; ex02 loops for as long as it is let (a 120 s deadline); ex03 passes."""
    return kata_repo(tmp_path / "repo", {"ex01_passes": PASSES, "ex02_loops": LOOPS, "ex03_passes": PASSES},
                     timeouts={"ex02_loops": 120})


def rows(repo: Path) -> list[tuple[str, str]]:
    db = repo / ".grade" / "progress.db"
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [(k.split(".")[1], s) for k, s in conn.execute("SELECT kata, status FROM attempts ORDER BY id")]


def env_for(repo: Path) -> dict[str, str]:
    return {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "120"}


class Terminal:
    """`grade ARGS` in a pseudo-terminal of its own, as in a learner's terminal window."""

    def __init__(self, repo: Path, *args: str):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the terminal's foreground process group
            os.chdir(repo)
            os.execve(sys.executable, [sys.executable, "-m", "grader", *args, "--no-color"], env_for(repo))
        self.text = ""

    def read_until(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.text:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{text!r} never came; the terminal shows:\n{self.text}")
            if select.select([self.fd], [], [], remaining)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the other side is gone
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{text!r} never came before the end; the terminal shows:\n{self.text}")
                self.text += _plain(chunk.decode(errors="replace"))
        return self.text

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.fd < 0:
                time.sleep(0.1)
            elif select.select([self.fd], [], [], 0.1)[0]:
                try:
                    self.text += _plain(os.read(self.fd, 65536).decode(errors="replace"))
                except OSError:
                    pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"grade did not stop; the terminal shows:\n{self.text}")

    def close(self) -> None:
        os.close(self.fd)
        self.fd = -1


def _plain(text: str) -> str:
    """Terminal output without its escape sequences (bold, the progress bar's redraws)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_ctrl_c_during_a_kata_records_no_verdict_for_it(course):
    term = Terminal(course, "ch01")
    term.read_until("✓ ch01.ex01")
    time.sleep(2)  # ex02 is running in its worker
    term.type(b"\x03")
    code = term.wait()
    assert code == 130, term.text
    assert "interrupted" in term.text and "1 katas finished before the stop" in term.text
    assert "ch01.ex02" not in term.text.split("✓ ch01.ex01")[1].split("interrupted")[0]  # no line for it
    assert "All graded katas passed" not in term.text
    assert rows(course) == [("ex01_passes", "passed")]


def test_ctrl_c_in_watch_records_nothing_for_the_kata_being_graded(course):
    (course / "exercises/ch01_demo/ex01_passes.py").write_text(LOOPS)
    term = Terminal(course, "watch", "ch01.ex01")
    term.read_until("ch01.ex01 · ex01_passes")
    time.sleep(4)  # the first grading is running
    term.type(b"\x03")
    assert term.wait() == 130, term.text
    assert "passed" not in term.text
    assert rows(course) == []


def test_a_closed_terminal_stops_the_run_like_ctrl_c(course):
    term = Terminal(course, "ch01")
    term.read_until("✓ ch01.ex01")
    time.sleep(2)
    term.close()  # the terminal window goes: SIGHUP to the session
    assert term.wait() == 128 + signal.SIGHUP
    assert rows(course) == [("ex01_passes", "passed")]


def test_sigterm_to_the_process_group_stops_the_run(course):
    """A CI runner cancelling a job signals the whole process group."""
    report = course / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "ch01", "--json", str(report), "--no-color"],
                            cwd=course, env=env_for(course), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    out = ""
    while "✓ ch01.ex01" not in out:
        line = proc.stdout.readline()
        assert line, out + proc.stderr.read()
        out += line
    time.sleep(2)
    os.killpg(proc.pid, signal.SIGTERM)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, out + rest + err
    assert "interrupted" in err and "Traceback" not in err
    assert "no report was written" in out + rest and not report.exists()
    assert rows(course) == [("ex01_passes", "passed")]


def test_a_reader_that_goes_away_changes_nothing_but_what_is_shown(course):
    """`grade ch01 | head -3`: every kata is still graded, recorded and reported."""
    (course / "exercises/ch01_demo/ex02_loops.py").write_text(STUB)
    report = course / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "ch01", "--json", str(report), "--no-color"],
                            cwd=course, env=env_for(course), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = [proc.stdout.readline() for _ in range(3)]
    proc.stdout.close()  # like head: read three lines, then go
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1, err
    assert head and "Traceback" not in err and "INTERNALERROR" not in err, err
    assert rows(course) == [("ex01_passes", "passed"), ("ex02_loops", "not started"), ("ex03_passes", "passed")]
    statuses = [k["status"] for k in json.loads(report.read_text())["katas"]]
    assert statuses == ["passed", "not started", "passed"]


def test_reset_starts_the_kata_again(course, grade_cli):
    assert grade_cli(course, "ch01.ex01").returncode == 0
    assert "✓" in grade_cli(course, "list", "ch01.ex01").stdout
    proc = grade_cli(course, "reset", "ch01.ex01", "--yes")
    assert proc.returncode == 0, proc.stderr
    restored = (course / "exercises/ch01_demo/ex01_passes.py").read_text()
    assert "# TODO: return the sum (1 line)." in restored and "raise NotImplementedError" in restored
    listing = grade_cli(course, "list", "ch01.ex01").stdout
    assert "not started" in listing and "passed" not in listing
    assert "ch01.ex01" in grade_cli(course).stdout.split("Next kata:")[1]  # the overview points at it again
    assert rows(course) == [("ex01_passes", "passed")]  # the history stays


def test_a_skip_never_replaces_an_earned_pass(tmp_path):
    from grader.results import KataResult
    from grader.store import Store

    store = Store(tmp_path / "progress.db")
    key = "ch07_mnist.ex05_capstone"
    store.record([KataResult("ch07.ex05", key, "failing")], "2.5")
    store.record([KataResult("ch07.ex05", key, "skipped", skip="data")], "2.5")
    assert store.latest() == {key: "skipped"}  # never passed: the skip says why it is not graded
    store.record([KataResult("ch07.ex05", key, "passed")], "2.5")
    store.record([KataResult("ch07.ex05", key, "skipped", skip="gpu")], "2.5")
    assert store.latest() == {key: "passed"}
    store.record_reset(key)
    assert store.latest() == {}
    store.close()


@pytest.mark.parametrize("argv", [["--lang", "zh", "list"], ["list", "--lang", "zh"]])
def test_lang_works_wherever_it_is_placed(demo_repo, grade_cli, argv):
    out = grade_cli(demo_repo, *argv, env={"TORCHKATA_LANG": "en", "LANG": "en_US.UTF-8"}).stdout
    assert "未开始" in out or "通过" in out, out
