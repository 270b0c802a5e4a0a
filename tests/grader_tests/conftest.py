"""A tiny repository of fixture katas, one per outcome the grader must tell apart.

Every kata asks for `add(a, b)`; each exercise file answers it differently (right, wrong,
not started, raising, looping, exiting, segfaulting, ...). The repository is written to a
temporary folder and graded by a real `grade` process pointed at it (TORCHKATA_ROOT).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SOLUTION = '''"""Add two numbers. 两数相加。"""


def add(a, b):
    # TODO: return the sum (1 line).
    # BEGIN SOLUTION
    return a + b
    # END SOLUTION
'''

TEST = '''from grader.checks import check_number


def test_adds_small_numbers(kata):
    check_number(kata.add(2, 3), 5, "add(2, 3)")


def test_adds_floats(kata, ref):
    check_number(kata.add(0.5, 0.25), ref.add(0.5, 0.25), "add(0.5, 0.25)")
'''

# kata id -> body of `add` in the exercise file
VARIANTS = {
    "ex01_passes": "return a + b",
    "ex02_wrong_value": "return a - b",
    "ex03_not_started": "raise NotImplementedError",
    "ex04_raises": "return [][1]",
    "ex05_infinite_loop": "while True:\n    pass",
    "ex06_os_exit": "import os\nos._exit(3)",
    "ex07_segfault": "import ctypes\nctypes.string_at(0)",
    "ex08_eq_always_true": (
        "class Liar:\n    def __eq__(self, other):\n        return True\n"
        "    __hash__ = object.__hash__\nreturn Liar()"
    ),
    "ex09_syntax_error": "return a +",
    "ex10_prints_and_fails": "print('debugging', a, b)\nreturn a * b",
    "ex11_sys_exit": "import sys\nsys.exit(0)",
    "ex12_passes_after_crashes": "return b + a",
}


# Every fixture kata asks for add(a, b): a catalogue of four mistakes and an alternative.
MISTAKES = {"subtracts.py": ("return a - b", "subtracts instead of adding", "做了减法而不是加法"),
            "multiplies.py": ("return a * b", "multiplies instead of adding", "做了乘法而不是加法"),
            "hard_coded.py": ("return 5", "returns 5, the answer for 2 + 3", "总是返回 5，也就是 2 + 3 的答案"),
            "integer_sum.py": ("return int(a) + int(b)", "drops the fractions: int() before adding",
                               "相加之前用 int() 把小数部分丢掉了")}
ALTERNATIVES = {"builtin_sum.py": ("return sum((a, b))", "sum() of the pair", "对这一对数用 sum()")}


def _catalogue(folder: Path) -> None:
    folder.mkdir(parents=True)
    toml = ["format_version = 1"]
    for kind, entries in (("mistake", MISTAKES), ("alternative", ALTERNATIVES)):
        for name, (body, en, zh) in entries.items():
            (folder / name).write_text(_exercise(body))
            toml.append(f'[[{kind}]]\nfile = "{name}"\nen = "{en}"\nzh = "{zh}"')
    (folder / "catalogue.toml").write_text("\n\n".join(toml) + "\n", encoding="utf-8")


def _exercise(body: str) -> str:
    return '"""Add two numbers."""\n\n\ndef add(a, b):\n' + textwrap.indent(body, "    ") + "\n"


def _manifest(ids: list[str], timeouts: dict[str, float]) -> str:
    parts = ['format_version = 1\ntitle = { en = "Demo", zh = "演示" }\n']
    for kid in ids:
        timeout = f"timeout = {timeouts[kid]}\n" if kid in timeouts else ""
        parts.append(
            f'[[kata]]\nid = "{kid}"\ntitle = {{ en = "{kid}", zh = "{kid}" }}\n'
            f'goal = {{ en = "add", zh = "相加" }}\n{timeout}'
            'explanation = { en = "Python adds with +.", zh = "Python 用 + 做加法。" }\n'
            '[[kata.hints]]\nen = "sum"\nzh = "求和"\n'
            '[[kata.hints]]\nen = "plus"\nzh = "加"\n[[kata.hints]]\nen = "a + b"\nzh = "a + b"\n'
        )
    return "\n".join(parts)


def make_repo(root: Path, exercises: dict[str, str] | None = None, solution: str = SOLUTION,
              test: str = TEST, timeouts: dict[str, float] | None = None) -> Path:
    """Write a fixture repository under `root` and return it: by default the outcome katas
    above; or one chapter `ch01_demo` with the given exercise files (kata id -> source),
    all sharing one solution and one test."""
    if exercises is None:
        exercises = {kid: _exercise(body) for kid, body in VARIANTS.items()}
        timeouts = {"ex05_infinite_loop": 2}
    for folder in ("exercises", "solutions", "tests"):
        (root / folder / "ch01_demo").mkdir(parents=True)
    (root / "exercises/ch01_demo/chapter.toml").write_text(_manifest(list(exercises), timeouts or {}), encoding="utf-8")
    (root / "tests/conftest.py").write_text('pytest_plugins = ["grader.plugin"]\n')
    (root / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider --import-mode=importlib"\n'
    )
    for kid, source in exercises.items():
        (root / f"solutions/ch01_demo/{kid}.py").write_text(solution)
        (root / f"exercises/ch01_demo/{kid}.py").write_text(source)
        (root / f"tests/ch01_demo/test_{kid}.py").write_text(test)
        _catalogue(root / "tests/ch01_demo/mistakes" / kid)
    return root


@pytest.fixture(autouse=True)
def _language_restored():
    """A test that runs the CLI in this process sets the learner's language for the process
    (i18n.set_language keeps it in TORCHKATA_LANG): the next test starts with it as it was."""
    before = os.environ.get("TORCHKATA_LANG")
    yield
    if before is None:
        os.environ.pop("TORCHKATA_LANG", None)
    else:
        os.environ["TORCHKATA_LANG"] = before


def run_grade(root: Path, *args: str, timeout: float = 300, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess:
    """`python -m grader ARGS` against the repository at `root` (extra variables in `env`)."""
    env = {**os.environ, "TORCHKATA_ROOT": str(root), "TORCHKATA_LANG": "en", "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "grader", *args, "--no-color"],
        cwd=root, env=env, capture_output=True, text=True, timeout=timeout,
    )


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders, with its sha256: compare two to see what changed."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def folder_snapshot():
    """`snapshot(*folders)`, for tests that check nothing outside their run changed."""
    return snapshot


@pytest.fixture(scope="session")
def kata_repo():
    """`make_repo(root, exercises, solution, test, timeouts)`, for tests with their own katas."""
    return make_repo


@pytest.fixture(scope="session")
def grade_cli():
    """`run_grade(root, *args)`, for tests (test modules cannot import conftest)."""
    return run_grade


@pytest.fixture
def repo(tmp_path):
    """A fresh fixture repository for a test that changes it (progress, hints, resets)."""
    return make_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("repo"))


@pytest.fixture(scope="session")
def demo_report(demo_repo: Path) -> dict:
    """Grade every fixture kata once; the JSON report, keyed by kata id."""
    out = demo_repo / "report.json"
    proc = run_grade(demo_repo, "ch01", "--json", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    report["by_id"] = {k["full_key"].split(".")[1]: k for k in report["katas"]}
    report["stdout"] = proc.stdout
    return report
