"""What starting a worker costs: CPU in the worker from the template's fork to "ready"
(closing descriptors, the unprivileged user under root, limits, Landlock, the network
filter), wall time from the judge's request to "ready", and the judge's own CPU per worker.

The worker's CPU comes from /proc/PID/schedstat (nanoseconds), read as soon as it says it
is ready, while it waits for its first request. Target: a few ms of CPU.

    python bench/worker_start.py [--workers 40]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=40)
    args = parser.parse_args()

    from grader.sandbox import Sandbox, Worker

    with tempfile.TemporaryDirectory() as tmp, Sandbox() as sandbox:
        kata = Path(tmp) / "kata.py"
        kata.write_text("def f():\n    return 1\n")
        sandbox.check()  # the template has imported torch
        worker_cpu, wall, judge_cpu = [], [], []
        for _ in range(args.workers):
            started, judge_started = time.perf_counter(), time.process_time()
            worker = Worker(kata, timeout=30, sandbox=sandbox)
            worker._ready("bench")
            wall.append(time.perf_counter() - started)
            judge_cpu.append(time.process_time() - judge_started)
            worker_cpu.append(int(Path(f"/proc/{worker.pid}/schedstat").read_text().split()[0]) / 1e9)
            worker.close()
            sandbox.settle()
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.1f} ms (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f})"  # noqa: E731
    print(f"{args.workers} workers")
    print(f"  worker CPU, fork to ready:  {ms(worker_cpu)}")
    print(f"  wall, request to ready:     {ms(wall)}")
    print(f"  judge CPU per worker:       {ms(judge_cpu)}")


if __name__ == "__main__":
    main()
