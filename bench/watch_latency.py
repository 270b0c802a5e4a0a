"""Save-to-verdict latency of `grade watch` for a kata that does no training.

Copies the course to a temporary folder, starts `grade watch ch03.ex01` there, waits
until it is idle, then saves a (wrong) answer into the kata file --saves times and
measures how long until the verdict line appears. Target: at most 0.5 s.

    python bench/watch_latency.py [--saves 10]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KATA = "ch03_autograd/ex01_derivative.py"


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line))


def _wait_for(lines: queue.Queue, text: str, timeout: float = 120) -> float:
    deadline = time.perf_counter() + timeout
    while True:
        at, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
        if text in line:
            return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        for folder in ("exercises", "solutions", "tests"):
            shutil.copytree(ROOT / folder, repo / folder)
        shutil.copy(ROOT / "pyproject.toml", repo)
        env = {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "200"}
        proc = subprocess.Popen([sys.executable, "-m", "grader", "watch", "ch03.ex01", "--no-color"],
                                cwd=repo, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
        started = time.perf_counter()
        _wait_for(lines, "keys:")
        print(f"watch ready after {time.perf_counter() - started:.2f} s (first grading included)")
        stub = (repo / "exercises" / KATA).read_text()
        latencies = []
        for i in range(args.saves):
            answer = stub.replace("raise NotImplementedError", f"return 7.0 + {i} * 0.0")
            saved = time.perf_counter()
            (repo / "exercises" / KATA).write_text(answer)
            verdict = _wait_for(lines, "ch03.ex01  Derivative")
            latencies.append(verdict - saved)
            _wait_for(lines, "keys:")
        proc.stdin.write("q\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    print(f"save -> verdict: median {statistics.median(latencies):.3f} s, max {max(latencies):.3f} s "
          f"over {len(latencies)} saves (target <= 0.5 s)")


if __name__ == "__main__":
    main()
