"""How much faster is `grade batch` than grading a class one submission at a time?

Builds --count submissions (default 50) in a temporary folder from this repository's
solutions/ and exercises/ for chapters without MNIST training (default ch01 and ch03): fully
solved, untouched stubs, half done, one kata broken (syntax error, exception, os._exit, an
endless loop), zips, and a few broken hand-ins (a file that is not a zip, an empty folder).
Then times, on the same submissions:
  1. `grade batch ... --jobs N`: the batch, N grading processes at a time;
  2. `python -m grader TARGETS --submission S --json ...` once per submission, one after another.
Prints both times and the ratio, checks both gave every student the same points, and says how
many cores one grading at a time kept busy (the ceiling for any parallel speed-up on this machine).
Target: >= 3x the throughput of the sequential loop.

    python bench/batch_throughput.py [--count 50] [--jobs 2] [--targets ch01 ch03]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from grader import cli, paths
from grader.batch import student_names
from grader.discovery import resolve
from grader.manifest import load_chapters

ROOT = paths.ROOT  # the repository: the parent of grader/, or TORCHKATA_ROOT
BROKEN = {  # one kata's file replaced by code that misbehaves
    "syntax": "def oops(:\n",
    "raises": "raise RuntimeError('imported too eagerly')\n",
    "exits": "import os\nos._exit(3)\n",
    "loops": "while True:\n    pass\n",
}


def _write(base: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")


def build(root: Path, count: int, kata_paths: list[str]) -> list[Path]:
    """`count` submissions under `root`, a deterministic mix of good, partial and broken work."""
    solved = {p: (ROOT / "solutions" / p).read_text(encoding="utf-8") for p in kata_paths}
    stubs = {p: (ROOT / "exercises" / p).read_text(encoding="utf-8") for p in kata_paths}
    subs = []
    for i in range(count):
        name, kind = f"student{i:02d}", i % 6
        if kind == 0:  # everything solved
            files = dict(solved)
        elif kind == 1:  # handed in the stubs untouched
            files = dict(stubs)
        elif kind == 2:  # half done
            files = {p: (solved if j % 2 == 0 else stubs)[p] for j, p in enumerate(kata_paths)}
        elif kind == 3:  # solved, but one kata broken (only the first of these loops: it costs its timeout)
            files = dict(solved)
            how = "loops" if i == 3 else ("syntax", "raises", "exits")[(i // 6) % 3]
            files[kata_paths[i % len(kata_paths)]] = BROKEN[how]
        elif kind == 4:  # a zip of a solved repository
            path = root / f"{name}.zip"
            with zipfile.ZipFile(path, "w") as z:
                for rel, text in solved.items():
                    z.writestr(f"{name}-repo/exercises/{rel}", text)
            subs.append(path)
            continue
        else:  # broken hand-ins: not a zip, an empty folder, or only the first chapter solved
            variant = (i // 6) % 3
            if variant == 0:
                (root / f"{name}.zip").write_text("this is not a zip", encoding="utf-8")
                subs.append(root / f"{name}.zip")
                continue
            files = {} if variant == 1 else {p: t for p, t in solved.items() if p.startswith(kata_paths[0][:4])}
        (root / name).mkdir()
        _write(root / name / "exercises", files)
        subs.append(root / name)
    return subs


def _busy_cpu_seconds() -> float | None:
    """CPU time the whole machine has spent busy so far (Linux), counting every process: a
    grading's workers are not its waited-for children, so `time` would miss them."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def sequential(subs: list[Path], targets: list[str], out: Path) -> tuple[float, float | None]:
    """Grade each submission in turn, as a teacher's shell loop would: the wall time, and how
    many cores were busy meanwhile (None where unknown)."""
    out.mkdir(parents=True)
    cpu, start = _busy_cpu_seconds(), time.perf_counter()
    for name, sub in student_names(subs):
        subprocess.run([sys.executable, "-m", "grader", *targets, "--submission", str(sub),
                        "--json", str(out / f"{name}.json"), "--no-color"], capture_output=True)
    wall, cpu_after = time.perf_counter() - start, _busy_cpu_seconds()
    return wall, (cpu_after - cpu) / wall if cpu is not None and cpu_after is not None else None


def _points(folder: Path) -> dict[str, object]:
    points = {}
    for report in sorted(folder.glob("*.json")):
        data = json.loads(report.read_text(encoding="utf-8"))
        points[report.stem] = data.get("summary", {}).get("points", 0)  # an error record: 0
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--targets", nargs="+", default=["ch01", "ch03"])
    args = parser.parse_args()
    os.environ["TORCHKATA_ROOT"] = str(ROOT)  # the grading processes grade this repository
    katas = resolve(args.targets, load_chapters(ROOT / "exercises"))

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        root = Path(tmp)
        (root / "subs").mkdir()
        subs = build(root / "subs", args.count, [k.path for k in katas])
        start = time.perf_counter()
        code = cli.main(["batch", *map(str, subs), "--targets", *args.targets, "--jobs", str(args.jobs),
                           "--out", str(root / "batch")])
        batch = time.perf_counter() - start
        if code not in (0, 1):  # 1: some submissions could not be graded, as the broken hand-ins here
            sys.exit(f"grade batch failed with exit code {code}")
        seq, busy = sequential(subs, args.targets, root / "seq")
        got, want = _points(root / "batch" / "students"), _points(root / "seq")
        same = got == {name: want.get(name, 0) for name in got}  # no report (a bad zip): 0
        gradebook = (root / "batch" / "gradebook.csv").read_text(encoding="utf-8")

    errors = sum(1 for line in gradebook.splitlines()[1:] if not line.endswith(","))
    print(f"submissions                  {len(subs)} ({', '.join(args.targets)}: {len(katas)} katas each; "
          f"{errors} broken)")
    print(f"sequential, one at a time    {seq:7.1f} s  ({seq / len(subs):.2f} s per submission)")
    print(f"grade batch --jobs {args.jobs:<2}        {batch:7.1f} s  ({batch / len(subs):.2f} s per submission)")
    print(f"throughput batch/sequential  {seq / batch:7.2f}x  (target >= 3x)")
    print(f"same points per student      {'yes' if same else 'NO'}")
    cores = os.cpu_count() or 1
    print(f"CPU cores                    {cores}")
    if busy:  # one grading keeps more than one core busy (the judge, and workers importing torch)
        print(f"cores busy while sequential  {busy:7.2f}  (one fresh grader per submission; batch judges stay warm)")


if __name__ == "__main__":
    main()
