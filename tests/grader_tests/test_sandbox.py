"""The worker boundary used directly: values, progress events, deadlines, restarts."""

import os
import subprocess
import sys

import pytest

from grader.errors import KataCrashed, KataTimeout
from grader.sandbox import Sandbox, Worker

KATA = '''import os, time
from grader.sandbox.worker import emit

def train():
    for batch in range(3):
        emit(batch=batch, batches=3, loss=1.0 / (batch + 1), final=True)
    return 7

def spin():
    while True:
        pass

def die():
    os._exit(5)

def where():
    return os.getcwd()

def frozen():
    import gc
    return gc.get_freeze_count()
'''


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def worker(tmp_path, sandbox):
    source = tmp_path / "kata.py"
    source.write_text(KATA)
    w = Worker(source, timeout=3, sandbox=sandbox)
    yield w
    w.close()


def test_progress_events_reach_the_judge_while_a_call_runs(worker):
    events = []
    worker.on_progress = events.append
    assert worker.call("train") == 7
    assert [e["batch"] for e in events] == [0, 1, 2]


def test_a_crash_is_reported_and_the_next_call_gets_a_fresh_worker(worker):
    with pytest.raises(KataCrashed, match="exited with code 5"):
        worker.call("die")
    assert worker.call("train") == 7


def test_a_timeout_kills_the_worker_and_later_calls_fail_fast(worker):
    with pytest.raises(KataTimeout, match="did not return within 3 s"):
        worker.call("spin")
    with pytest.raises(KataTimeout, match="was not run: an earlier call"):
        worker.call("train")


def test_the_learner_code_runs_in_a_scratch_folder(worker, tmp_path):
    assert worker.call("where") == str(worker.scratch)
    assert not str(worker.scratch).startswith(str(tmp_path))


def test_progress_events_reach_the_grading_display_through_pytest(repo):
    """The judge runs pytest with its output capture off, or live progress would vanish."""
    import os
    import subprocess
    import sys

    (repo / "exercises/ch01_demo/ex01_passes.py").write_text(
        "from grader.sandbox.worker import emit\n\n\ndef add(a, b):\n"
        "    emit(epoch=1, batch=7, batches=9, loss=0.25, final=True)\n    return a + b\n"
    )
    script = (
        "from grader import paths\n"
        "from grader.discovery import resolve\n"
        "from grader.manifest import load_chapters\n"
        "from grader.pipeline import grade\n"
        "from grader.run import GradingRun\n"
        "katas = tuple(resolve(['ch01.ex01'], load_chapters(paths.EXERCISES)))\n"
        "grade(GradingRun(katas, paths.EXERCISES, on_result=lambda r: print('RESULT', r.status),\n"
        "                 on_progress=lambda key, event: print('EVENT', key, event['batch'], event['batches'])))\n"
    )
    env = {**os.environ, "TORCHKATA_ROOT": str(repo)}
    out = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env, capture_output=True,
                         text=True, timeout=300).stdout
    assert "EVENT ch01.ex01 7 9" in out and "RESULT passed" in out, out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the template is Linux only")
def test_the_template_is_gone_when_the_judge_exits():
    """Left alone, the template would tear torch down for half a second after the judge
    exits: the judge kills it on exit, and a judge killed with kill -9 takes it along."""
    script = (
        "import os, sys\n"
        "from grader.sandbox import Sandbox\n"
        "sandbox = Sandbox()\n"
        "sandbox.check()\n"
        "print(sandbox.template.proc.pid, flush=True)\n"
        "if sys.argv[1] == 'kill': os.kill(os.getpid(), 9)\n"
    )
    for how in ("exit", "kill"):
        done = subprocess.run([sys.executable, "-c", script, how], capture_output=True, text=True, timeout=120)
        pid = int(done.stdout.split()[-1])
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            import time

            time.sleep(0.1)
        else:
            pytest.fail(f"the template outlived a judge that did {how}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the template is Linux only")
def test_workers_inherit_a_frozen_heap(worker):
    """The template freezes what it imported (grader/template.py): otherwise the first full
    garbage collection in every worker walks all of torch (~250 ms with torchvision)."""
    assert worker.call("frozen") > 100_000


BOUNDARY = '''import os


def descriptors():
    """Every open descriptor: 0, 1, 2 and the connection to the judge, nothing else."""
    found = []
    for fd in range(4096):
        try:
            os.fstat(fd)
            found.append(fd)
        except OSError:
            pass
    return found


def leave(name):
    with open("/dev/shm/" + name, "w") as f:
        f.write("left behind")
    os.chmod("/dev/shm/" + name, 0o666)
    return sorted(os.listdir("/dev/shm"))


def look():
    return sorted(os.listdir("/dev/shm"))


def loader():
    """A DataLoader with worker processes: fork, shared memory, Unix sockets, threads."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    batches = DataLoader(TensorDataset(torch.arange(20)), batch_size=5, num_workers=2)
    return torch.cat([b for (b,) in batches])


def namespaces():
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return libc.unshare(0x10000000), ctypes.get_errno()  # CLONE_NEWUSER
'''


@pytest.fixture
def boundary_kata(tmp_path):
    source = tmp_path / "boundary.py"
    source.write_text(BOUNDARY)
    return source


def test_a_worker_holds_no_descriptor_but_its_own(sandbox, boundary_kata):
    """Nothing it holds leads back to the template, the judge or another worker."""
    others = [Worker(boundary_kata, timeout=30, sandbox=sandbox) for _ in range(2)]
    for other in others:
        other.start()  # siblings alive in the same template while this worker starts
    w = Worker(boundary_kata, timeout=30, sandbox=sandbox)
    try:
        found = w.call("descriptors")
        assert found[:3] == [0, 1, 2] and len(found) == 4, found
    finally:
        for worker in (w, *others):
            worker.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/shm is Linux's")
def test_shared_memory_is_private_to_a_judge_and_cleared_when_its_worker_ends(sandbox, boundary_kata):
    import glob
    import secrets

    name = f"kata-left-{secrets.token_hex(4)}"
    first = Worker(boundary_kata, timeout=30, sandbox=sandbox)
    with Sandbox() as other_judge:
        stranger = Worker(boundary_kata, timeout=30, sandbox=other_judge)
        try:
            assert name in first.call("leave", name)
            assert name not in stranger.call("look")  # another judge's workers (a batch's other job)
            assert glob.glob(f"/dev/shm/{name}") == []  # the machine's
        finally:
            stranger.close()
    first.close()
    sandbox.settle()
    later = Worker(boundary_kata, timeout=30, sandbox=sandbox)  # the next student of the same judge
    try:
        assert name not in later.call("look")
    finally:
        later.close()


def test_workers_start_without_a_template_too(boundary_kata):
    """Where there is no fork server (macOS), each worker is a fresh interpreter."""
    with Sandbox(prefork=False) as sandbox:
        w = Worker(boundary_kata, timeout=120, sandbox=sandbox)
        try:
            assert w.call("look") is not None
        finally:
            w.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the template is Linux only")
def test_a_confused_message_never_stops_the_template(sandbox, boundary_kata):
    """Only the judge holds the template's socket, but even the judge's own mistakes (an
    unknown kind, a body that is not a spawn, too few descriptors, a frame over the limit)
    are answered with 'no worker' and forgotten; the next spawn works."""
    import struct

    from grader.sandbox.protocol import SPAWN, SPAWNED, recv_frame, send_frame

    sandbox.check()
    sock = sandbox.template.sock
    r, w = os.pipe()
    for kind, body, fds in [(99, b"x", [r, w]), (SPAWN, b"not a pickle", [r]), (SPAWN, b"\x80\x04N.", [r, w, r, w]),
                            (SPAWN, b"y" * (2 << 20), [])]:
        send_frame(sock, kind, body, fds)
        _, answer = recv_frame(sock, {SPAWNED: 8})
        assert struct.unpack("<q", answer) == (-1,)
    os.close(r)
    os.close(w)
    w = Worker(boundary_kata, timeout=30, sandbox=sandbox)
    try:
        assert w.call("look") is not None
    finally:
        w.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the confinement is Linux's")
def test_a_dataloader_with_workers_runs_in_a_confined_worker_but_namespaces_do_not(sandbox, boundary_kata):
    import torch

    w = Worker(boundary_kata, timeout=120, sandbox=sandbox)
    try:
        assert torch.equal(w.call("loader"), torch.arange(20))
        assert w.call("namespaces") == (-1, 1)  # EPERM
    finally:
        w.close()
