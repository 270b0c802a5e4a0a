"""`--lang` means the same wherever it stands, and beats the locale.

Each subcommand runs once with `--lang zh` before it and once after it (one fixture
repository for the module: nothing here grades, so the runs are quick). Chinese output is
told apart from English by its CJK characters: the fixture course's Chinese chapter title
and the grader's messages have them, its English texts have none.
"""

from __future__ import annotations

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")

# subcommand and its arguments; each answers without grading (watch: an unknown target,
# reset: refuses without a terminal, so nothing changes)
COMMANDS = {
    "list": ["list"],
    "hint": ["hint", "ch01.ex01"],
    "progress": ["progress"],
    "doctor": ["doctor"],
    "watch": ["watch", "nosuch"],
    "reset": ["reset", "ch01.ex03"],
    "notebook": ["notebook", "ch01.ex01"],
    "missing argument": ["hint"],
}


@pytest.fixture(scope="module")
def lang_repo(tmp_path_factory, kata_repo):
    root = kata_repo(tmp_path_factory.mktemp("lang"))
    (root / ".grade").mkdir()
    return root


def _output(proc) -> str:
    return proc.stdout + proc.stderr


@pytest.mark.parametrize("before", [True, False], ids=["lang-before", "lang-after"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_lang_zh_gives_chinese_before_or_after_the_subcommand(lang_repo, grade_cli, command, before):
    words = COMMANDS[command]
    args = ["--lang", "zh", *words] if before else [*words, "--lang", "zh"]
    out = _output(grade_cli(lang_repo, *args))
    assert CJK.search(out), out
    assert "usage:" not in out and "error:" not in out, out


@pytest.mark.parametrize("command", ["list", "hint", "reset", "missing argument"])
def test_lang_en_beats_a_chinese_locale(lang_repo, grade_cli, command):
    locale = {"TORCHKATA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
    out = _output(grade_cli(lang_repo, "--lang", "en", *COMMANDS[command], env=locale))
    assert not CJK.search(out), out


def test_a_chinese_locale_gives_chinese_without_lang(lang_repo, grade_cli):
    locale = {"TORCHKATA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
    assert CJK.search(_output(grade_cli(lang_repo, "list", env=locale)))


def test_argparse_errors_and_help_speak_chinese(lang_repo, grade_cli):
    proc = grade_cli(lang_repo, "--lang", "zh", "ch01", "--timeout", "abc")
    assert proc.returncode == 2
    assert "用法：" in proc.stderr and "参数 --timeout 有误：需要 float 类型的值（实际为 'abc'）" in proc.stderr
    help_text = grade_cli(lang_repo, "list", "--help", "--lang", "zh").stdout
    assert "选项" in help_text and "显示这条帮助信息并退出" in help_text and "options" not in help_text


def test_translate_error_keeps_what_it_cannot_translate(monkeypatch):
    from grader.argparser import translate_error

    monkeypatch.setenv("TORCHKATA_LANG", "zh")
    assert translate_error("argument --lang: invalid choice: 'fr' (choose from 'en', 'zh')") == (
        "参数 --lang 有误：'fr' 不是可选的值（可选：'en', 'zh'）")
    assert translate_error("something argparse never said") == "something argparse never said"
