"""Latency of the commands that must answer at once: `grade --help`, `grade list` and the
overview. None of them may import torch. Target: at most 0.3 s each.

    python bench/cli_latency.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [["--help"], ["list"], []]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    grade = [sys.executable, "-m", "grader"]
    for extra in COMMANDS:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(grade + extra, cwd=ROOT, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        label = "grade " + " ".join(extra) if extra else "grade (overview)"
        print(f"{label:<18} median {statistics.median(times):.3f} s  max {max(times):.3f} s  "
              f"(target <= 0.3 s, {args.runs} runs)")
    imported = subprocess.run(
        [sys.executable, "-c", "import sys; from grader.cli import main; main(['list']); "
         "print('torch imported' if 'torch' in sys.modules else 'torch not imported', file=sys.stderr)"],
        cwd=ROOT, capture_output=True, text=True,
    ).stderr.strip().splitlines()[-1]
    print(f"grade list: {imported}")


if __name__ == "__main__":
    main()
