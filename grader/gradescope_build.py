"""`grade gradescope build`: the autograder zip Gradescope expects, ready to upload.

The zip holds, at its top level (Gradescope unpacks it into `/autograder/source/`):

    setup.sh         run once, as root, when Gradescope builds the image: a virtual
                     environment in /opt/torchkata with torch's CPU wheels (Gradescope has no
                     GPU; the CUDA build is 5 GB) and the course installed from `course/`
    run_autograder   run for each submission: grades `/autograder/submission` (any form
                     `grade --submission` accepts) into `/autograder/results/results.json`
    course/          the course for the chosen katas: the grader, their chapters' stubs,
                     hidden tests, mistake catalogues and reference solutions, MNIST when a
                     kata needs it

The chosen katas are fixed in `run_autograder`, so every submission is graded against the
same assignment. CUDA katas are left out unless `include_cuda`: a CPU autograder can only
skip them, and leaving them out keeps the total the same on every grader. Both scripts read
`AUTOGRADER_ROOT` (default `/autograder`) and `TORCHKATA_PYTHON`, so the zip can be tried
locally against a folder laid out like Gradescope's.

Workers are confined as everywhere else (see SECURITY.md). Where Gradescope's container
cannot confine them, grading stops with the reason in results.json, unless the zip was
built with `allow_unconfined`: then a submission could read the hidden tests and solutions.
"""

from __future__ import annotations

import shlex
import zipfile
from collections.abc import Iterator
from pathlib import Path

from . import paths
from .errors import GradeError
from .manifest import Kata

__all__ = ["CPU_WHEELS", "build", "course_files"]

CPU_WHEELS = "https://download.pytorch.org/whl/cpu"
_STAMP = (2020, 1, 1, 0, 0, 0)  # every entry's time: the same course gives the same zip

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
python3 -m venv /opt/torchkata
/opt/torchkata/bin/pip install --quiet --upgrade pip
/opt/torchkata/bin/pip install --quiet torch torchvision --index-url {wheels}
/opt/torchkata/bin/pip install --quiet -e /autograder/source/course
# The grader's workers run as users of their own: they must be able to read Python and the course.
chmod -R a+rX /opt/torchkata /autograder/source
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for each submission: grade it into results/results.json.
set -u
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{TORCHKATA_PYTHON:-/opt/torchkata/bin/python}}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
cd "$ROOT/source/course" || exit 1
{unconfined}"$PYTHON" -m grader {katas} --submission "$ROOT/submission" --gradescope "$RESULTS" \\
    --gradescope-visibility {visibility} --lang en --no-color
status=$?
# 0: every kata passed, 1: some did not; both are grades. Anything else is a problem the
# grader explains in results.json when it could write one, and in its output otherwise.
if [ ! -s "$RESULTS" ]; then
    printf '{{"score": 0, "stdout_visibility": "visible", "output": "%s"}}\\n' \\
        "The autograder could not grade this submission (grade exited $status): see the autograder output." \\
        > "$RESULTS"
fi
exit 0
"""


def course_files(katas: list[Kata], root: Path = paths.ROOT) -> Iterator[tuple[Path, str]]:
    """(file, its name in the zip) for every file of the course the katas need."""
    yield from ((root / name, f"course/{name}") for name in ("pyproject.toml", "README.md") if (root / name).is_file())
    folders = [root / "grader"]
    for chapter in sorted({k.chapter for k in katas}):
        folders += [root / "exercises" / chapter, root / "solutions" / chapter, root / "tests" / chapter]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path, f"course/{path.relative_to(root).as_posix()}"
    yield root / "tests" / "conftest.py", "course/tests/conftest.py"
    tests = "".join((root / "tests" / k.test_path).read_text(encoding="utf-8") for k in katas)
    if "mnist_" in tests:  # a kata reads MNIST: the shipped files go too
        for path in sorted((root / "data" / "MNIST" / "raw").glob("*.gz")):
            yield path, f"course/{path.relative_to(root).as_posix()}"


def build(katas: list[Kata], out: Path, *, include_cuda: bool = False, visibility: str = "visible",
          wheels: str = CPU_WHEELS, allow_unconfined: bool = False) -> list[Kata]:
    """Write the autograder zip for `katas` to `out`; the katas it grades (CUDA ones left
    out unless `include_cuda`). GradeError when none is left."""
    chosen = [k for k in katas if include_cuda or "cuda" not in k.markers]
    if not chosen:
        raise GradeError("no kata left to grade: every one chosen needs a GPU (add --include-cuda to keep them)")
    run = RUN.format(katas=" ".join(k.key for k in chosen), visibility=shlex.quote(visibility),
                     unconfined="TORCHKATA_NO_CONFINE=1 " if allow_unconfined else "")
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("setup.sh", SETUP.format(wheels=shlex.quote(wheels))), ("run_autograder", run)):
            _add(zf, name, text.encode(), 0o755)
        for path, name in course_files(chosen):
            _add(zf, name, path.read_bytes(), 0o644)
    tmp.replace(out)  # a crash mid-way leaves no half zip under the real name
    return chosen


def _add(zf: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(name, _STAMP)
    info.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
