"""No English in Chinese output: every command a learner runs, with `--lang zh`, on the
fixture course (every outcome: pass, fail, crash, timeout, print, syntax error), plus the
errors a learner meets (unknown chapter, missing data, broken progress database, bad
arguments), read by a heuristic that finds English prose.

The heuristic (`english_runs`) looks for three or more English words in a row, outside what
is code or a name: text in backticks, identifiers (`add_one`, `torch.cat`, `f()`), paths,
options (`--force`), kata ids, numbers, and whatever follows "抛出了异常" (an exception's own
text, from Python or torch, quoted as it is). Chinese characters end a run; acronyms (GPU,
SIGSEGV) neither count nor end one, and names (PyTorch, NotImplementedError) end one. The
English key phrases of skips stay on purpose (tools match on them; their Chinese follows):
see KEY_PHRASES.
"""

from __future__ import annotations

import re

import pytest

from grader.i18n import CATALOG, MESSAGES

CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")  # characters and their punctuation
ACRONYM = re.compile(r"[(]?[A-Z][A-Z0-9]+[,.;:)]*")
KEY_PHRASES = ("optional dataset unavailable", "dataset unavailable", "needs GPU")
CODE = re.compile(r"`[^`]*`")  # text in backticks
QUOTED_ERROR = re.compile(r"抛出了异常.*")  # Python's or torch's own message, quoted
# A word: letters only, first one maybe capital (so not NotImplementedError, GPU or x86),
# with the punctuation prose puts around words.
WORD = re.compile(r"[(\"']?[A-Za-z][a-z]*[,.;:!?)\"']*")


def english_runs(text: str, longest: int = 2) -> list[str]:
    """Runs of more than `longest` English words in a row in `text`, line by line."""
    found = []
    for line in text.splitlines():
        line = QUOTED_ERROR.sub("", CODE.sub(" ", line))
        for phrase in KEY_PHRASES:
            line = line.replace(phrase, " ")
        line = CHINESE.sub(" 中 ", line)  # "中" is no word: it ends a run
        run: list[str] = []
        for token in [*line.split(), ""]:  # "" ends the last run
            if token and WORD.fullmatch(token):
                run.append(token)
                continue
            if token and ACRONYM.fullmatch(token):
                continue
            if len(run) > longest:
                found.append(" ".join(run))
            run = []
    return found


def test_the_heuristic_finds_english_prose_and_ignores_code():
    assert english_runs("add(2, 3)：worker 进程crashed with SIGSEGV (segmentation fault)") == [
        "crashed with (segmentation fault)"]
    assert english_runs("grade hint: 错误: the following arguments are required: KATA") == [
        "the following arguments are required:"]
    assert english_runs("dataset unavailable: MNIST not found. Fix: restore the folder") == [
        "not found. Fix: restore the folder"]
    assert english_runs("用 `grade chapter1 and more` 评一整章；torch.cat 和 add_one() 都是代码") == []
    assert english_runs("add(2, 3) 抛出了异常 IndexError: list index out of range") == []
    assert english_runs("已跳过: dataset unavailable（数据集不可用）：找不到 MNIST") == []


@pytest.fixture(scope="module")
def zh_repo(tmp_path_factory, kata_repo):
    """The fixture course, plus a chapter whose katas need MNIST or a GPU."""
    root = kata_repo(tmp_path_factory.mktemp("zh"))
    (root / ".grade").mkdir()
    return root


def _zh(grade_cli, root, *args: str, env: dict[str, str] | None = None) -> str:
    proc = grade_cli(root, "--lang", "zh", *args, env=env)
    return proc.stdout + proc.stderr


def test_grading_every_outcome_in_chinese_shows_no_english(zh_repo, grade_cli):
    out = _zh(grade_cli, zh_repo, "ch01")
    assert CJK.search(out) and english_runs(out) == [], out


@pytest.mark.parametrize("args", [
    [], ["list"], ["hint", "ch01.ex02"], ["hint", "ch01"], ["reset", "ch01.ex02"], ["reset", "ch01"],
    ["progress"], ["doctor"], ["nosuch"], ["ch99"], ["watch", "nosuch"], ["notebook", "ch01.ex01"],
    ["--help"], ["ch01", "--help"], ["hint"], ["ch01", "--timeout", "abc"], ["--frob"], ["list", "--lang"],
], ids=lambda args: " ".join(args) or "overview")
def test_a_command_in_chinese_shows_no_english(zh_repo, grade_cli, args):
    out = _zh(grade_cli, zh_repo, *args)
    assert CJK.search(out) and english_runs(out) == [], out


def test_a_notebook_that_exists_is_refused_in_chinese(zh_repo, grade_cli, tmp_path):
    assert "ch01_demo.ipynb" in _zh(grade_cli, zh_repo, "notebook", "ch01", "--out", str(tmp_path))
    out = _zh(grade_cli, zh_repo, "notebook", "ch01", "--out", str(tmp_path))
    assert "--force" in out and english_runs(out) == [], out


def test_missing_data_is_explained_in_chinese(tmp_path, kata_repo, grade_cli):
    test = "def test_reads_mnist(kata, mnist_dir):\n    assert kata.add(1, 2) == 3\n"
    root = kata_repo(tmp_path / "repo", {"ex01_mnist": '"""A kata."""\n\n\ndef add(a, b):\n    return a + b\n'},
                     test=test)
    out = _zh(grade_cli, root, "ch01", "--data-dir", str(tmp_path / "nowhere"))
    assert "数据集不可用" in out and english_runs(out) == [], out


def test_every_message_has_its_chinese():
    """Every MESSAGES entry's Chinese is written (not empty, not the English again) and is
    Chinese (CJK characters), unless the message is symbols and fields only."""
    for key, (en, zh) in MESSAGES.items():
        assert zh.strip(), key
        if re.search(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", en)):  # has words, not just fields
            assert CJK.search(zh), f"{key}: {zh!r}"


def test_every_help_text_has_its_chinese():
    import ast
    from pathlib import Path

    import grader

    for en, zh in CATALOG.items():
        assert CJK.search(zh), f"{en!r}: {zh!r}"
    missing = []
    for path in Path(grader.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                if isinstance(node.args[0], ast.Constant) and node.args[0].value not in CATALOG:
                    missing.append(f"{path.name}: {node.args[0].value!r}")
    assert missing == []


LONG = "Broadcast a batch of tensors against a bias, then reduce them"  # 60 characters
TITLES = {"ex01_long": (LONG, "张量的广播与自动求导：先广播，再沿批量维度求和"), "ex02_short": ("Add", "加法")}


@pytest.fixture(scope="module")
def titled_chapters(tmp_path_factory, kata_repo):
    """Two chapters (English and CJK titles of different widths), each with a 60-character
    English title, a long Chinese one and a short one."""
    import shutil

    from grader.manifest import load_chapters

    source = '"""A kata."""\n\n\ndef add(a, b):\n    return a + b\n'
    root = kata_repo(tmp_path_factory.mktemp("titles"), {kid: source for kid in TITLES})
    manifest = root / "exercises/ch01_demo/chapter.toml"
    text = manifest.read_text(encoding="utf-8")
    for kid, (en, zh) in TITLES.items():
        text = text.replace(f'title = {{ en = "{kid}", zh = "{kid}" }}', f'title = {{ en = "{en}", zh = "{zh}" }}')
    manifest.write_text(text, encoding="utf-8")
    shutil.copytree(root / "exercises/ch01_demo", root / "exercises/ch02_more")
    other = root / "exercises/ch02_more/chapter.toml"
    retitled = 'title = { en = "More tensors and shapes", zh = "更多张量与形状操作" }'
    other.write_text(other.read_text(encoding="utf-8").replace('title = { en = "Demo", zh = "演示" }', retitled),
                     encoding="utf-8")
    return load_chapters(root / "exercises")


def _printed(draw) -> list[str]:
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=200, no_color=True, highlight=False)
    draw(console)
    return console.file.getvalue().splitlines()


def _column(line: str, part: str) -> int:
    """The terminal column where `part` starts in `line` (a CJK character takes two)."""
    from rich.cells import cell_len

    return cell_len(line[: line.index(part)])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_statuses_line_up_in_the_kata_list_with_cjk_and_long_titles(titled_chapters, lang):
    from grader.i18n import t
    from grader.overview import kata_list

    status = t("not started", lang)
    lines = [line for line in _printed(lambda c: kata_list(c, titled_chapters, {}, lang)) if status in line]
    assert len(lines) == 4
    assert len({_column(line, status) for line in lines}) == 1, lines
    assert all(f" {status}" in line for line in lines)  # a long title never touches its status


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_statuses_line_up_when_grading_with_cjk_and_long_titles(titled_chapters, lang):
    from grader.results import KataResult
    from grader.terminal import KataPrinter

    def draw(console):
        printer = KataPrinter(console, titled_chapters, lang)
        for chapter in titled_chapters:
            for kata in chapter.katas:
                printer(KataResult(kata.key, kata.full_key, "passed"))

    lines = [line for line in _printed(draw) if "✓" in line]
    assert len(lines) == 4
    assert len({_column(line, "✓") for line in lines}) == 1
    assert len({_column(line, line.split()[-1]) for line in lines}) == 1, lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_bars_line_up_with_cjk_chapter_titles(titled_chapters, lang):
    from grader.overview import overview

    lines = [line for line in _printed(lambda c: overview(c, titled_chapters, {}, lang)) if "░" in line]
    assert len(lines) == 2
    assert len({_column(line, "░") for line in lines}) == 1, lines
