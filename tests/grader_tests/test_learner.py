"""Learner tools against a fixture repository: progress kept across runs, hints, reset,
the progress database surviving corruption, kill -9 and concurrent runs, watch mode."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.history import first_try, streak
from grader.sandbox import confine
from grader.store import Attempt


def processes_mentioning(path):
    """Live processes whose command line names `path` (the worker template carries it)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().split()[2]
        except OSError:
            continue
        if str(path) in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def db_rows(repo, sql):
    with sqlite3.connect(repo / ".grade" / "progress.db") as db:
        return db.execute(sql).fetchall()


def test_grading_records_progress_and_the_overview_shows_it(repo, grade_cli):
    grade_cli(repo, "ch01.ex01", "ch01.ex02")
    assert db_rows(repo, "SELECT kata, status FROM attempts ORDER BY id") == [
        ("ch01_demo.ex01_passes", "passed"),
        ("ch01_demo.ex02_wrong_value", "failing"),
    ]
    out = grade_cli(repo).stdout
    assert "1/12" in out and "Next kata: ch01.ex02" in out
    listing = grade_cli(repo, "list", "--lang", "zh").stdout
    assert "ch01.ex01" in listing and "通过" in listing and "未通过" in listing


def test_grading_another_folder_does_not_touch_the_learners_progress(repo, grade_cli):
    grade_cli(repo, "ch01.ex01", "--source", str(repo / "solutions"))
    assert not (repo / ".grade" / "progress.db").exists()


def test_hints_reveal_one_more_tier_each_time_and_are_recorded(repo, grade_cli):
    assert "Hint 1/3" in grade_cli(repo, "hint", "ch01.ex03").stdout
    assert "Hint 2/3" in grade_cli(repo, "hint", "ch01.ex03").stdout
    third = grade_cli(repo, "hint", "ch01.ex03").stdout
    assert "Hint 3/3" in third and "last hint" in third
    assert "Hint 3/3" in grade_cli(repo, "hint", "ch01.ex03").stdout
    assert db_rows(repo, "SELECT kata, tier FROM hints") == [
        ("ch01_demo.ex03_not_started", 1), ("ch01_demo.ex03_not_started", 2), ("ch01_demo.ex03_not_started", 3)]
    grade_cli(repo, "ch01.ex01")
    assert "Hints used: 3" in grade_cli(repo, "progress").stdout


def test_reset_asks_first_and_keeps_the_learners_version(repo, grade_cli):
    exercise = repo / "exercises/ch01_demo/ex02_wrong_value.py"
    mine = exercise.read_text()
    refused = grade_cli(repo, "reset", "ch01.ex02")  # no terminal, no --yes: nothing changes
    assert "confirm with --yes" in refused.stdout and exercise.read_text() == mine
    grade_cli(repo, "reset", "ch01.ex02", "--yes")
    assert "raise NotImplementedError" in exercise.read_text()
    backups = list((repo / ".grade" / "backups").rglob("ex02_wrong_value.py"))
    assert len(backups) == 1 and backups[0].read_text() == mine


def test_a_corrupt_database_is_moved_aside_and_exercises_are_untouched(repo, grade_cli):
    (repo / ".grade").mkdir()
    (repo / ".grade" / "progress.db").write_bytes(b"not a database" * 100)
    before = {p: p.read_text() for p in (repo / "exercises").rglob("*.py")}
    proc = grade_cli(repo, "list")
    assert proc.returncode == 0
    assert "moved it to" in proc.stderr
    assert list((repo / ".grade").glob("progress.db.*.bak"))
    assert {p: p.read_text() for p in (repo / "exercises").rglob("*.py")} == before


def test_a_database_from_a_newer_grader_is_moved_aside(repo, grade_cli):
    (repo / ".grade").mkdir()
    with sqlite3.connect(repo / ".grade" / "progress.db") as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '99')")
    proc = grade_cli(repo, "ch01.ex01")
    assert proc.returncode == 0 and "newer torchkata" in proc.stderr
    assert db_rows(repo, "SELECT status FROM attempts") == [("passed",)]


def test_an_unwritable_state_folder_is_a_warning_not_a_crash(repo, grade_cli):
    (repo / ".grade").write_text("a file where the folder should be")
    proc = grade_cli(repo, "ch01.ex01")
    assert proc.returncode == 0
    assert "progress not saved" in proc.stderr


def grade_limited(repo, limit, **extra_env):
    """`grade ch01.ex01` in a process that `limit()` restricts before it starts."""
    env = {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", **extra_env}
    return subprocess.run([sys.executable, "-m", "grader", "ch01.ex01", "--no-color"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=limit)


def test_a_full_disk_is_a_clear_warning_and_keeps_the_progress_so_far(repo, grade_cli, folder_snapshot):
    import resource

    grade_cli(repo, "ch01.ex01")
    exercises = folder_snapshot(repo / "exercises")
    # RLIMIT_FSIZE of 1 byte: every write that grows a file fails, as on a full disk.
    proc = grade_limited(repo, lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1)))
    assert proc.returncode == 0, proc.stderr
    assert "progress not saved" in proc.stderr and "disk full or read-only" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert folder_snapshot(repo / "exercises") == exercises
    assert sorted(p.name for p in (repo / ".grade").iterdir() if ".bak" in p.name) == []  # not "corrupt"
    assert db_rows(repo, "SELECT COUNT(*) FROM attempts") == [(1,)]


@pytest.mark.skipif(confine.landlock_abi() == 0, reason="needs Landlock to make .grade/ read-only for root too")
def test_a_read_only_state_folder_is_a_clear_warning(repo, grade_cli, folder_snapshot):
    grade_cli(repo, "ch01.ex01")
    exercises = folder_snapshot(repo / "exercises")
    state = str(repo / ".grade")

    def read_only_state() -> None:  # everything readable, and writable but .grade/, even for root
        everything = (1 << 16) - 1
        confine.restrict([(p, everything) for p in confine.read_rules([state], [])] + [("/", confine.READ)])

    # Confinement off: a judge inside Landlock cannot give its template a mount namespace
    # (tested on its own in test_hostile.py); what is tested here is the state folder.
    proc = grade_limited(repo, read_only_state, TORCHKATA_NO_CONFINE="1")
    assert proc.returncode == 0, proc.stderr
    assert "progress not saved" in proc.stderr and "Traceback" not in proc.stderr
    assert folder_snapshot(repo / "exercises") == exercises
    assert db_rows(repo, "SELECT COUNT(*) FROM attempts") == [(1,)]


def test_two_runs_at_once_both_record(repo, grade_cli):
    env = {**os.environ, "TORCHKATA_ROOT": str(repo)}
    cmd = [sys.executable, "-m", "grader", "ch01.ex01", "ch01.ex02", "--no-color"]
    procs = [subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    for p in procs:
        assert p.wait(timeout=300) == 1, p.stderr.read()
    assert db_rows(repo, "SELECT COUNT(*) FROM attempts") == [(4,)]
    assert db_rows(repo, "PRAGMA integrity_check") == [("ok",)]


def test_kill_9_mid_run_leaves_a_working_database_and_no_processes(repo, grade_cli):
    reports = ["--json", str(repo / "out" / "report.json"), "--junit", str(repo / "out" / "junit.xml")]
    grade_cli(repo, "ch01.ex01", *reports)
    before = {p.name: p.read_bytes() for p in (repo / "out").iterdir()}
    env = {**os.environ, "TORCHKATA_ROOT": str(repo)}
    # ex05 loops forever; with a 120 s budget its worker is busy when the grader is killed.
    proc = subprocess.Popen([sys.executable, "-m", "grader", "ch01.ex05", "--timeout", "120", *reports],
                            cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while len(processes_mentioning(repo)) < 2 and time.time() < deadline:  # template + worker
        time.sleep(0.2)
    time.sleep(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert db_rows(repo, "PRAGMA integrity_check") == [("ok",)]
    # The reports of the earlier run are still there, whole; no half-written one appeared.
    assert {p.name: p.read_bytes() for p in (repo / "out").iterdir()} == before
    # Nothing the run started survives it: not the worker template, not the looping worker.
    deadline = time.time() + 15
    while processes_mentioning(repo) and time.time() < deadline:
        time.sleep(0.2)
    leftovers = processes_mentioning(repo)
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert leftovers == []
    assert grade_cli(repo, "ch01.ex01").returncode == 0
    assert db_rows(repo, "SELECT COUNT(*) FROM attempts WHERE kata LIKE '%ex01_passes'") == [(2,)]


def test_watch_grades_moves_on_after_a_pass_and_quits_on_q(repo):
    env = {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "grader", "watch", "ch01.ex01", "--no-color"],
                          cwd=repo, env=env, input="q\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "ch01.ex01  ex01_passes" in proc.stdout and "passed" in proc.stdout
    assert "→ ch01.ex02" in proc.stdout and "must be 5 (got -1)" in proc.stdout


def test_streak_counts_consecutive_days_up_to_today():
    today = dt.date(2026, 11, 24)
    days = {today, today - dt.timedelta(days=1), today - dt.timedelta(days=3)}
    assert streak(days, today) == 2
    assert streak(days - {today}, today) == 1  # nothing yet today: yesterday still counts
    assert streak(set(), today) == 0


def test_first_try_rate_ignores_not_started_runs():
    at = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
    attempts = [Attempt("a", "not started", 0, "2", at), Attempt("a", "passed", 0, "2", at),
                Attempt("b", "failing", 0, "2", at), Attempt("b", "passed", 0, "2", at)]
    assert first_try(attempts) == (1, 2)
