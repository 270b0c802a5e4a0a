"""How fast `grade watch` answers keys while a kata is being graded, and sees a save by polling.

Builds the grader tests' fixture course in a temporary folder (ex01 passes, ex02 sleeps a
minute, ex03 is wrong) and drives `grade watch` in a pseudo-terminal:

- q while ex02 sleeps: seconds from the key to the end of the process (target: under 1 s);
- n while ex02 sleeps: seconds from the key to the next kata's heading (target: under 0.2 s);
- with --poll, a right answer saved into ex03: seconds from the save to its verdict.

    python bench/watch_keys.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "grader_tests"))
from conftest import make_repo  # noqa: E402  (the fixture course of the grader tests)

PASSES = '"""Add."""\n\n\ndef add(a, b):\n    return a + b\n'
SLEEPS = '"""Add."""\nimport time\n\n\ndef add(a, b):\n    time.sleep(60)\n    return a + b\n'
WRONG = '"""Add."""\n\n\ndef add(a, b):\n    return a - b\n'
ASLEEP = r"grading ch01\.ex02… \([1-9][0-9]*\.[0-9] s\)"  # ex02's worker has been asleep a second


class Watch:
    def __init__(self, repo: Path, *args: str):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(repo)
            env = {**os.environ, "TORCHKATA_ROOT": str(repo), "TORCHKATA_LANG": "en", "COLUMNS": "160"}
            os.execve(sys.executable, [sys.executable, "-m", "grader", "watch", *args, "--no-color"], env)
        self.text = ""

    def until(self, pattern: str, timeout: float = 120) -> float:
        """Read until `pattern` matches what was shown; the time it did."""
        deadline = time.perf_counter() + timeout
        while not re.search(pattern, self.text):
            if time.perf_counter() > deadline:
                raise SystemExit(f"{pattern!r} never came:\n{self.text[-2000:]}")
            if select.select([self.fd], [], [], 0.01)[0]:
                self.text += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", os.read(self.fd, 65536).decode(errors="replace"))
        return time.perf_counter()

    def ended(self) -> float:
        while True:
            if select.select([self.fd], [], [], 0.005)[0]:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    pass
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    quits, nexts, polls = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            repo = make_repo(Path(tmp) / f"q{run}", {"ex01_passes": PASSES, "ex02_sleeps": SLEEPS},
                             timeouts={"ex02_sleeps": 120})
            watch = Watch(repo, "ch01.ex01")
            watch.until(ASLEEP)
            pressed = time.perf_counter()
            os.write(watch.fd, b"q")
            quits.append(watch.ended() - pressed)

            repo = make_repo(Path(tmp) / f"n{run}", {"ex01_passes": PASSES, "ex02_sleeps": SLEEPS, "ex03_wrong": WRONG},
                             timeouts={"ex02_sleeps": 120})
            watch = Watch(repo, "ch01.ex01", "--poll")
            watch.until(ASLEEP)
            pressed = time.perf_counter()
            os.write(watch.fd, b"n")
            nexts.append(watch.until("→ ch01.ex03") - pressed)
            watch.until(r"keys: h")
            saved = time.perf_counter()
            (repo / "exercises/ch01_demo/ex03_wrong.py").write_text(PASSES)
            polls.append(watch.until("✓ ch01.ex03") - saved)
            watch.ended()
    for name, values, target in (("q -> watch ended", quits, "< 1 s"), ("n -> next kata shown", nexts, "< 0.2 s"),
                                 ("save -> verdict, --poll", polls, "polling every 0.5 s")):
        print(f"{name:<26} median {statistics.median(values):.3f} s, max {max(values):.3f} s "
              f"over {len(values)} runs ({target})")


if __name__ == "__main__":
    main()
