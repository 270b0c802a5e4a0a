"""The `grade` command line: fast paths stay free of torch, bad input gets exit code 2 and
a suggestion, the fixture repository grades with the right exit codes."""

import json
import subprocess
import sys


def test_help_and_list_do_not_import_torch():
    code = (
        "import sys, contextlib, io\n"
        "from grader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list'])\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('torch' in sys.modules, 'pytest' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_unknown_chapter_is_a_usage_error_with_a_suggestion(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "dmeo")
    assert proc.returncode == 2
    assert "no chapter or kata is called 'dmeo'" in proc.stderr
    assert "demo" in proc.stderr


def test_list_shows_every_kata(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "list")
    assert proc.returncode == 0
    assert "ch01.ex01" in proc.stdout and "ch01.ex12" in proc.stdout


def test_overview_lists_chapters_and_exits_zero(demo_repo, grade_cli):
    proc = grade_cli(demo_repo)
    assert proc.returncode == 0
    assert "ch01" in proc.stdout and "grade ch01" in proc.stdout


def test_a_passing_kata_exits_zero_and_a_chinese_run_speaks_chinese(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "ch01.ex01", "--lang", "zh")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "通过" in proc.stdout


def test_a_failing_kata_exits_one(demo_repo, grade_cli):
    assert grade_cli(demo_repo, "ch01.ex02").returncode == 1


def test_a_missing_source_folder_is_a_usage_error(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "ch01", "--source", str(demo_repo / "nope"))
    assert proc.returncode == 2 and "--source must be a folder" in proc.stderr


def test_dev_check_passes_with_learner_edits_in_exercises(demo_repo, grade_cli):
    # exercises/ holds wrong answers, crashes and loops; dev check grades pristine stubs.
    proc = grade_cli(demo_repo, "dev", "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "dev check passed" in proc.stdout
    assert "learner work?" in proc.stdout


def test_strict_dev_check_flags_exercises_that_drifted_from_their_stub(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "dev", "check", "--strict")
    assert proc.returncode == 1
    assert "ex01_passes.py: differs from the stub" in proc.stdout


def test_grading_works_from_any_working_directory(demo_repo, tmp_path):
    import os

    env = {**os.environ, "TORCHKATA_ROOT": str(demo_repo), "TORCHKATA_LANG": "en", "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "grader", "ch01.ex02", "--no-color"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert "add(2, 3) must be 5 (got -1)" in proc.stdout, proc.stdout + proc.stderr


def test_doctor_names_each_problem_with_its_fix(demo_repo, grade_cli):
    proc = grade_cli(demo_repo, "doctor")  # the fixture repository ships no MNIST data
    assert proc.returncode == 1
    assert "✗ data" in proc.stdout and "MNIST not found" in proc.stdout
    assert "fix:" in proc.stdout and "--data-dir" in proc.stdout
    assert "✓ torch" in proc.stdout and "✓ course" in proc.stdout


def test_every_translated_help_text_has_its_chinese():
    import ast
    from pathlib import Path

    import grader.cli
    from grader.i18n import CATALOG

    tree = ast.parse(Path(grader.cli.__file__).read_text(encoding="utf-8"))
    texts = [ast.literal_eval(node.args[0]) for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr"]
    assert texts and [t for t in texts if t not in CATALOG] == []


def test_help_speaks_chinese_with_lang_zh():
    out = subprocess.run([sys.executable, "-m", "grader", "--help", "--lang", "zh"], capture_output=True,
                         text=True, check=True).stdout
    assert "所有练习及其状态" in out and "为你的 PyTorch 练习评分" in out


def test_a_run_leaves_nothing_in_the_temporary_folder(demo_repo, grade_cli, tmp_path):
    """Scratch folders, copied submissions and multiprocessing's socket folder all go,
    even though grade skips the interpreter's teardown."""
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = grade_cli(demo_repo, "ch01.ex01", "ch01.ex05", "ch01.ex07", env={"TMPDIR": str(temp)})
    assert proc.returncode == 1, proc.stderr
    assert sorted(p.name for p in temp.iterdir()) == []


def test_folders_left_by_a_killed_grader_are_swept_and_live_ones_kept(demo_repo, grade_cli, tmp_path):
    import os
    import subprocess

    temp = tmp_path / "temp"
    gone = subprocess.Popen(["true"])
    gone.wait()
    left = temp / f"kata-{gone.pid}-worker-abc123"  # its grader was killed with kill -9
    alive = temp / f"kata-{os.getpid()}-worker-def456"  # this test process still runs
    other = temp / "kata-not-ours"
    for folder in (left, alive, other):
        folder.mkdir(parents=True)
        (folder / "output.txt").write_text("x" * 1000)
    assert grade_cli(demo_repo, "ch01.ex01", env={"TMPDIR": str(temp)}).returncode == 0
    assert sorted(p.name for p in temp.iterdir()) == sorted([alive.name, other.name])



def test_a_pytest_that_refuses_the_judges_command_line_is_a_clear_error(demo_repo):
    """Not "no tests were collected" for every kata: say that pytest refused to run."""
    import os

    code = (
        "import sys\n"
        "from grader import cli, pipeline\n"
        "args = pipeline.pytest_args\n"
        "pipeline.pytest_args = lambda *a, **k: [*args(*a, **k), '--an-option-this-pytest-lacks']\n"
        "sys.exit(cli.main(['ch01.ex01', '--no-color']))\n"
    )
    env = {**os.environ, "TORCHKATA_ROOT": str(demo_repo), "TORCHKATA_LANG": "en"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=demo_repo, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "refused the grader's command line" in proc.stderr


# -- the mistake catalogue ---------------------------------------------------------------------
def test_a_catalogued_mistake_is_named_in_both_languages(repo, grade_cli):
    assert grade_cli(repo, "dev", "sync", "ch01.ex02", "--yes").returncode == 0
    (repo / "exercises/ch01_demo/ex02_wrong_value.py").write_text('def add(a, b):\n    return a * b\n')
    english = grade_cli(repo, "ch01.ex02", "--json", str(repo / "r.json"))
    assert "This looks like a common mistake: multiplies instead of adding" in english.stdout
    assert json.loads((repo / "r.json").read_text())["katas"][0]["mistake"] == "multiplies instead of adding"
    chinese = grade_cli(repo, "ch01.ex02", env={"TORCHKATA_LANG": "zh"})
    assert "这看起来是一个常见错误：做了乘法而不是加法" in chinese.stdout
    unknown = grade_cli(repo, "ch01.ex01")  # passes: nothing to name
    assert "common mistake" not in unknown.stdout


def test_a_damaged_signature_file_never_stops_grading(repo, grade_cli):
    (repo / "tests/ch01_demo/mistakes/ex02_wrong_value/signatures.json").write_text('{"multiplies.py": "x"}')
    proc = grade_cli(repo, "ch01.ex02")
    assert proc.returncode == 1 and "internal error" not in proc.stderr
    assert "common mistake" not in proc.stdout


def test_dev_check_rejects_weak_tests_and_thin_catalogues(repo, grade_cli):
    mistakes = repo / "tests/ch01_demo/mistakes/ex01_passes"
    (mistakes / "hard_coded.py").write_text('def add(a, b):\n    return a + b\n')  # a "mistake" that is right
    (mistakes / "builtin_sum.py").write_text('def add(a, b):\n    return a - b\n')  # an "alternative" that is wrong
    toml = (repo / "tests/ch01_demo/mistakes/ex02_wrong_value/catalogue.toml")
    toml.write_text(toml.read_text().split("[[mistake]]")[0] + "[[mistake]]" + toml.read_text().split("[[mistake]]")[1])
    proc = grade_cli(repo, "dev", "check")
    assert proc.returncode == 1
    assert "ch01.ex01: mistake hard_coded.py grades 'passed': the tests do not catch it" in proc.stdout
    assert "ch01.ex01: alternative builtin_sum.py is rejected" in proc.stdout
    assert "ch01.ex02: its catalogue has 1 mistakes and 0 alternatives" in proc.stdout


def test_dev_check_flags_a_probe_defined_twice(repo, grade_cli):
    probe = "\n\ndef sum_probe(mod, a, b):\n    return mod.add(a, b)\n\n\ndef test_probe(kata):\n" \
            "    assert kata.probe(sum_probe, 1, 2) == 3\n"
    for kid in ("ex01_passes", "ex12_passes_after_crashes"):
        path = repo / f"tests/ch01_demo/test_{kid}.py"
        path.write_text(path.read_text() + probe)
    proc = grade_cli(repo, "dev", "check")
    assert "test_ex12_passes_after_crashes.py::sum_probe is the same probe as" in proc.stdout
    assert "put it in grader/probes.py" in proc.stdout
