"""The grader's own words in English and Simplified Chinese.

Kata texts (titles, goals, hints) live in the manifests; this table holds the CLI's.
The language comes from `--lang`, else `TORCHKATA_LANG`, else the locale (`zh*` → zh).
"""

from __future__ import annotations

import os

__all__ = ["CATALOG", "LANGS", "default_lang", "say", "t", "tr"]

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
    "warning": ("warning", "警告"),
    "skipped_gpu": ("skipped: needs GPU", "已跳过：需要 GPU"),
    "overview_totals": ("{passed} passed · {failing} failing · {not_started} not started · {skipped} skipped",
                        "{passed} 通过 · {failing} 未通过 · {not_started} 未开始 · {skipped} 已跳过"),
    "overview_next_kata": ("Next kata: {key} {title} → {command}", "下一道练习：{key} {title} → {command}"),
    "overview_done": ("Every kata passed. Well done!", "所有练习都通过了，太棒了！"),
    "hint_header": ("Hint {tier}/{total} for {key} · {title}", "{key} · {title} 的提示 {tier}/{total}"),
    "hint_last": ("That was the last hint. Still stuck? Compare with {path}.",
                  "这是最后一条提示。还是卡住了？可以对照 {path}。"),
    "hint_more": ("Run the same command again for the next hint.", "再运行一次同样的命令，看下一条提示。"),
    "hint_more_key": ("Press h again for the next hint.", "再按 h 查看下一条提示。"),
    "reset_pristine": ("{path} is already the original stub; nothing to do.", "{path} 已经是原始模板，无需重置。"),
    "reset_ask": ("Replace {path} with the original stub? Your version is kept as a backup. [y/N] ",
                  "用原始模板替换 {path} 吗？你的版本会保留备份。[y/N] "),
    "reset_no_tty": ("not resetting {path}: confirm with --yes when not running in a terminal",
                     "未重置 {path}：非交互终端中请加 --yes 确认"),
    "reset_done": ("Restored {path}; your version is in {backup}.", "已恢复 {path}；你的版本保存在 {backup}。"),
    "reset_kept": ("Kept {path} as it is.", "保持 {path} 不变。"),
    "progress_none": ("No katas graded yet: start with `grade ch01`.", "还没有评过分：从 `grade ch01` 开始吧。"),
    "progress_activity": ("Activity, last {days} days (katas graded per day)", "最近 {days} 天的活动（每天评分的练习数）"),
    "progress_streak": ("Streak: {days} day(s) in a row", "连续学习：{days} 天"),
    "progress_first_try": ("First-try pass rate: {rate} ({passed}/{total} katas passed on their first graded attempt)",
                           "一次通过率：{rate}（{total} 道练习中有 {passed} 道第一次评分就通过）"),
    "progress_hints": ("Hints used: {count}", "已使用提示：{count} 条"),
    "progress_time": ("Time spent grading, per chapter", "各章节评分所用时间"),
    # Failure explanations (grader/checks.py, grader/sandbox/client.py).
    "chk_tensor": ("{what} must be a tensor (got {got})", "{what} 必须是张量（实际得到 {got}）"),
    "chk_layout": ("{what} must be a {want} tensor (got {got})", "{what} 必须是 {want} 布局的张量（实际为 {got}）"),
    "chk_meta": ("{what} returned a tensor on the 'meta' device, which holds no values",
                 "{what} 返回了 'meta' 设备上的张量，它不包含任何数值"),
    "chk_shape": ("{what} has the wrong shape: expected {want}, got {got}", "{what} 的形状不对：应为 {want}，实际为 {got}"),
    "chk_dtype": ("{what} has the wrong dtype: expected {want}, got {got}", "{what} 的 dtype 不对：应为 {want}，实际为 {got}"),
    "chk_device": ("{what} is on the wrong device: expected {want}, got {got}",
                   "{what} 所在的设备不对：应为 {want}，实际为 {got}"),
    "chk_grad_yes": ("{what} must require grad (got requires_grad=False)", "{what} 必须 requires_grad（实际为 False）"),
    "chk_grad_no": ("{what} must not require grad (got requires_grad=True)", "{what} 不应该 requires_grad（实际为 True）"),
    "chk_nan": ("{what} contains NaN/Inf: first is {bad}", "{what} 含有 NaN/Inf：第一个是 {bad}"),
    "chk_values": ("{what} has wrong values: {detail}", "{what} 的数值不对：{detail}"),
    "chk_first_diff": ("first difference at index {index}: expected {want}, got {got}",
                       "第一个不同之处在索引 {index}：应为 {want}，实际为 {got}"),
    "chk_max_diff": ("max abs difference {diff}", "最大绝对误差 {diff}"),
    "chk_expected": ("expected", "应为"),
    "chk_got": ("got", "实际"),
    "chk_number_tensor": ("{what} must be a Python number (got a tensor; use .item())",
                          "{what} 必须是 Python 数字（实际得到张量；请用 .item()）"),
    "chk_number": ("{what} must be a number (got {got})", "{what} 必须是数字（实际得到 {got}）"),
    "chk_must_be": ("{what} must be {want} (got {got})", "{what} 应为 {want}（实际为 {got}）"),
    "chk_type": ("{what} must be {article} {want} (got {got})", "{what} 必须是 {want}（实际得到 {got}）"),
    "hint": ("{failure}\n  hint: {hint}", "{failure}\n  提示：{hint}"),
    "chk_len": ("{what} must have {want} items (got {got})", "{what} 应有 {want} 个元素（实际 {got} 个）"),
    "chk_keys": ("{what} must have keys {want} (got {got})", "{what} 的键应为 {want}（实际为 {got}）"),
    "run_timeout": ("{what} did not return within {seconds} s; the worker was stopped (an infinite loop, or far too much work?)",
                    "{what} 在 {seconds} 秒内没有返回，已停止 worker（死循环，或者计算量太大？）"),
    "run_timeout_running": ("it was running {file}, line {line}, in {function}: {code}",
                            "当时正在运行 {file} 第 {line} 行（{function} 函数中）：{code}"),
    "run_timeout_loop": ("inside the loop at line {line}: {code}", "位于第 {line} 行开始的循环里：{code}"),
    "run_skipped_after_timeout": ("{what} was not run: an earlier call, {first}, timed out",
                                  "{what} 未运行：之前的调用 {first} 已超时"),
    "run_crashed": ("{what}: the worker {death}", "{what}：worker 进程{death}"),
    "run_not_started": ("{what} still raises NotImplementedError", "{what} 仍然抛出 NotImplementedError（还没开始写）"),
    "unconfined": ("the submission's code runs unconfined: {why}; see SECURITY.md for the container setup",
                   "提交的代码在无隔离的情况下运行：{why}；容器配置见 SECURITY.md"),
    "run_raised": ("{what} raised {error}", "{what} 抛出了异常 {error}"),
    "run_your_code": ("your code", "你的代码"),
    "looks_like": ("This looks like a common mistake: {reason}", "这看起来是一个常见错误：{reason}"),
    "run_skipped_by_submission": ("{what} tried to skip its own test ({error}): skipped by submission, scored 0",
                                  "{what} 试图跳过自己的测试（{error}）：被提交代码跳过，记 0 分"),
    "store_warning": ("progress not saved: {error}", "进度未保存：{error}"),
    "names_many": ("{target!r} names {count} katas; name one, e.g. {example}",
                   "{target!r} 对应 {count} 道练习；请只指定一道，例如 {example}"),
    "interrupted": ("interrupted: {graded} katas finished before the stop and are recorded; the rest are not",
                    "已中断：中断前完成的 {graded} 道练习已记录，其余的没有记录"),
    "interrupted_reports": ("no report was written: the run did not finish", "未写入报告：评分没有完成"),
    "interrupted_plain": ("interrupted", "已中断"),
    "all_passed_here": ("All katas that can run here passed. 🎉 Skipped here: {count} (each needs a GPU or a "
                        "dataset the course cannot ship).",
                        "所有能在这台机器上运行的练习都通过了。🎉 这里跳过了 {count} 道（它们需要 GPU，或者课程没法附带的数据集）。"),
    "not_graded_data": ("{count} katas were not graded: {why}", "有 {count} 道练习没有评分：{why}"),
    # The class report, OUT/report.html (grader/report_html.py).
    "html_title": ("Class report", "班级报告"),
    "html_summary": ("{students} students · {katas} katas · {errors} could not be graded · mean score {mean}",
                     "{students} 名学生 · {katas} 道练习 · {errors} 份无法评分 · 平均得分 {mean}"),
    "html_histogram": ("Scores (share of the points)", "得分分布（得分占总分的比例）"),
    "html_per_kata": ("Per kata", "各道练习"),
    "html_kata": ("kata", "练习"),
    "html_pass_rate": ("pass rate", "通过率"),
    "html_common_failures": ("most common failures", "最常见的错误"),
    "html_per_student": ("Per student (click a heading to sort)", "各个学生（点击表头排序）"),
    "html_student": ("student", "学生"),
    "html_points": ("points", "得分"),
    "html_max": ("of", "满分"),
}


current = "en"  # language of failure explanations; the grader sets it from --lang


# Chinese for the CLI's help texts, looked up by their English (see `tr`).
CATALOG: dict[str, str] = {
    'teachers: build the autograder zip for Gradescope': '教师：生成 Gradescope 用的自动评分 zip',
    'write the autograder zip for these chapters or katas': '为这些章节或练习生成自动评分 zip',
    'chapters or katas the assignment grades': '这份作业要评分的章节或练习',
    'language of messages and kata texts (default: from the locale)': '信息和练习文字的语言（默认跟随系统语言）',
    'plain output without colours': '不带颜色的纯文本输出',
    'every kata with its status': '所有练习及其状态',
    'only these chapters or katas': '只列出这些章节或练习',
    'your history: activity, streak, pass rate': '学习记录：活动、连续天数、通过率',
    'the next hint for a kata': '某道练习的下一条提示',
    "restore a kata's original stub (keeps a backup)": '恢复练习的原始模板（会保留备份）',
    'do not ask': '不再询问',
    're-grade a kata each time you save it': '每次保存文件时重新评分',
    'chapter or kata to start from': '从哪一章或哪道练习开始',
    'check versions, GPU, data and state folder': '检查版本、GPU、数据和状态文件夹',
    'chapter3, 3, ch03, autograd, ch03.ex01 or a kata file': 'chapter3、3、ch03、autograd、ch03.ex01 或练习文件',
    'grade the kata files in DIR instead of exercises/': '评 DIR 中的练习文件，而不是 exercises/',
    'Grade your PyTorch katas. With no arguments, show your progress.': '为你的 PyTorch 练习评分。不带参数时显示学习进度。',
    'grade a chapter or kata: grade chapter3 · grade 3 · grade autograd · grade ch03.ex01 (see `grade ch03 --help` for grading options)': '评一章或一道练习：grade chapter3 · grade 3 · grade autograd · grade ch03.ex01（评分选项见 `grade ch03 --help`）',
    'Grade chapters or katas.': '为章节或练习评分。',
    "time budget per call into a kata (default: the manifest's, e.g. 600 s for the MNIST capstone)": '每次调用练习代码的时间预算（默认取清单中的值，如 MNIST 综合实战为 600 秒）',
    'folder holding MNIST/raw/ (default: $TORCHKATA_DATA, else data/)': '包含 MNIST/raw/ 的文件夹（默认 $TORCHKATA_DATA，否则 data/）',
}


def tr(en: str) -> str:
    """`en` in the learner's language, from CATALOG (English when there is no entry)."""
    return CATALOG.get(en, en) if current == "zh" else en


def say(en: str, zh: str) -> str:
    """The version of a text written in both languages that the learner reads (`current`)."""
    return zh if current == "zh" else en


def default_lang() -> str:
    """The learner's language from the environment."""
    for var in ("TORCHKATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(message: str, lang: str, /, **fields: object) -> str:
    """The message named `message` in `lang`, with `fields` filled in."""
    en, zh = MESSAGES[message]
    return (zh if lang == "zh" else en).format(**fields)
