"""The grader's own words in English and Simplified Chinese.

Kata texts (titles, goals, hints) live in the manifests; this table holds the CLI's.
The language comes from `--lang`, else `TORCHKATA_LANG`, else the locale (`zh*` → zh).
"""

from __future__ import annotations

import os

__all__ = ["LANGS", "default_lang", "t"]

LANGS = ("en", "zh")

MESSAGES: dict[str, tuple[str, str]] = {
    "passed": ("passed", "通过"),
    "failing": ("failing", "未通过"),
    "not started": ("not started", "未开始"),
    "skipped": ("skipped", "已跳过"),
    "katas": ("katas", "道练习"),
    "grading": ("grading", "正在评分"),
    "printed": ("printed", "输出"),
    "summary": ("{passed}/{total} passed", "{passed}/{total} 通过"),
    "overview_title": ("torchkata — PyTorch katas", "torchkata — PyTorch 练习"),
    "overview_next": ("Start with: {command}", "从这里开始：{command}"),
    "overview_help": (
        "Grade a chapter with `grade chapter1`, a kata with `grade ch01.ex01`; `grade list` lists them all.",
        "用 `grade chapter1` 评一整章，用 `grade ch01.ex01` 评一道题；`grade list` 列出全部练习。",
    ),
    "next_step": ("Next: edit {path}, then run {command}", "下一步：编辑 {path}，然后运行 {command}"),
    "all_passed": ("All graded katas passed. 🎉", "所有评分的练习都通过了。🎉"),
    "error": ("error", "错误"),
}


def default_lang() -> str:
    """The learner's language from the environment."""
    for var in ("TORCHKATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(key: str, lang: str, **fields: object) -> str:
    """The message `key` in `lang`, with `fields` filled in."""
    en, zh = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**fields)
