"""How much does grading cost on top of the checks themselves?

Times four things, each as a fresh process, in --runs interleaved rounds:
  1. `grade chapter3` with every kata solved (the solutions as the learner's files);
  2. a bare pytest run of the same tests in one process, calling the solutions directly
     (no worker, no codec): the cost of the checks alone;
  3. `python -c "import torch"`: the floor for anything that uses torch;
  4. `grade chapter3` on the untouched stubs, a learner's first run (every test fails).
Prints the times and the ratios. Target: grade (solved) within 1.5x of `import torch`.

    python bench/grade_overhead.py [--chapter ch03_autograd] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.manifest import load_chapter
from grader.stubgen import pristine_stub

ROOT = Path(__file__).resolve().parent.parent

# A conftest whose `kata` is the solution module itself, in this process.
INPROCESS_CONFTEST = '''
import importlib.util, sys
from pathlib import Path
import pytest

SOLUTIONS = Path({solutions!r})


def _load(test_file):
    chapter, kata = Path(test_file).parent.name, Path(test_file).stem[len("test_"):]
    name = f"bare_{{chapter}}_{{kata}}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SOLUTIONS / chapter / f"{{kata}}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class InProcess:
    def __init__(self, module):
        self._module = module

    def probe(self, fn, *args, **kwargs):
        return fn(self._module, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._module, name)


@pytest.fixture(scope="module")
def kata(request):
    return InProcess(_load(request.module.__file__))


@pytest.fixture(scope="module")
def ref(request):
    return _load(request.module.__file__)


@pytest.fixture(scope="session")
def mnist_dir():
    from grader.data import data_dir, ensure_mnist
    return str(ensure_mnist(data_dir()))
'''


def timed_once(cmd: list[str], cwd: Path, want: int = 0) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)  # waits for all output
    took = time.perf_counter() - start
    if proc.returncode != want:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapter", default="ch03_autograd")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp)
        shutil.copytree(ROOT / "tests" / args.chapter, bare / args.chapter)
        (bare / "conftest.py").write_text(INPROCESS_CONFTEST.format(solutions=str(ROOT / "solutions")))
        (bare / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider --import-mode=importlib\n")
        stubs = bare / "stubs"
        for kata in load_chapter(ROOT / "exercises" / args.chapter).katas:
            (stubs / kata.path).parent.mkdir(parents=True, exist_ok=True)
            (stubs / kata.path).write_text(pristine_stub(kata), encoding="utf-8")
        python = sys.executable
        commands = {
            "grade": ([python, "-m", "grader", args.chapter, "--source", "solutions"], ROOT),
            "bare": ([python, "-m", "pytest", "-q", args.chapter], bare),
            "torch": ([python, "-c", "import torch"], ROOT),
            "stubs": ([python, "-m", "grader", args.chapter, "--source", str(stubs)], ROOT, 1),
        }
        # Interleaved rounds: a machine that speeds up or slows down affects every command alike.
        rounds = [{name: timed_once(*how) for name, how in commands.items()} for _ in range(args.runs)]

    median = {name: statistics.median(r[name] for r in rounds) for name in commands}
    to_torch = statistics.median(r["grade"] / r["torch"] for r in rounds)
    to_bare = statistics.median(r["grade"] / r["bare"] for r in rounds)
    print(f"chapter                 {args.chapter} (median of {args.runs} interleaved rounds)")
    print(f"grade (solutions)       {median['grade']:6.2f} s")
    print(f"bare pytest, in-process {median['bare']:6.2f} s")
    print(f"python -c 'import torch'{median['torch']:6.2f} s")
    ratios = [r["grade"] / r["torch"] for r in rounds]
    spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
    print(f"grade / import torch    {to_torch:6.2f}x   (median of per-round ratios, {spread}; target <= 1.5x)")
    print(f"grade / bare pytest     {to_bare:6.2f}x")
    print(f"grade (untouched stubs) {median['stubs']:6.2f} s")


if __name__ == "__main__":
    main()
