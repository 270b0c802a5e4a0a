"""The grader's own words in English and Simplified Chinese.

Kata texts (titles, goals, hints) live in the manifests; this table holds the CLI's.
The language comes from `--lang`, else `TORCHKATA_LANG`, else the locale (`zh*` → zh).
"""

from __future__ import annotations

import os

__all__ = ["CATALOG", "LANGS", "default_lang", "language", "say", "set_language", "t", "tr"]

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
    # The notebook a chapter is exported as (grader/notebook.py).
    "nb_intro": ("Each kata below has one code cell: fill it in and run it. Keep the cell's tag (`kata:…`): it "
                 "tells the grader which kata the cell holds. Grade the notebook at the end.",
                 "下面每道练习都有一个代码单元：补全代码并运行它。请保留单元的标签（`kata:…`），"
                 "评分器靠它认出单元属于哪道练习。最后给整个笔记本评分。"),
    "nb_fill": ("*Fill in the code cell below.*", "*请在下面的代码单元中完成练习。*"),
    "nb_grade_title": ("## Grade this notebook", "## 给这个笔记本评分"),
    "nb_grade_body": ("**Save the notebook first** (File ▸ Save, Ctrl+S / ⌘S): the grader reads the saved file, not "
                      "what the editor shows. Then run the cell below.",
                      "**请先保存笔记本**（文件 ▸ 保存，Ctrl+S / ⌘S）：评分器读取的是保存在磁盘上的文件，"
                      "而不是编辑器中显示的内容。然后运行下面的单元。"),
    "nb_grade_comment": ("# Grades the saved notebook file: save it first.", "# 对已保存的笔记本文件评分：请先保存。"),
    # A learner's own notebook (grader/notebook.py: --mine, --import).
    "nb_hint": ("Hint {tier}/{total}", "提示 {tier}/{total}"),
    "nb_import_same": ("{key}: the notebook's cell is your file already", "{key}：笔记本里的单元和你的文件一样"),
    "nb_import_kept": ("{key}: kept {path} as it is", "{key}：{path} 保持不变"),
    "nb_import_done": ("{key}: {path} now holds the notebook's cell (your old file: {backup})",
                       "{key}：{path} 已换成笔记本里的单元（原来的文件：{backup}）"),
    "nb_import_no_tty": ("{key}: {path} differs from the notebook's cell; not replaced without a terminal: add --yes",
                         "{key}：{path} 和笔记本里的单元不同；不在交互终端里运行时不会替换：请加 --yes"),
    "nb_import_ask": ("{key}: replace {path} with the notebook's cell? Your file is kept as a backup. [y/N] ",
                      "{key}：用笔记本里的单元替换 {path} 吗？原来的文件会留一份备份。[y/N] "),
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
    # Hints that teach, solutions that explain (grader/hint.py, grader/solution.py).
    "hint_header": ("Hint {tier}/{total} ({tier_name}) for {key} · {title}",
                    "提示 {tier}/{total}（{tier_name}）· {key} · {title}"),
    "hint_concept": ("concept", "概念"),
    "hint_approach": ("approach", "思路"),
    "hint_near": ("near-solution", "接近答案"),
    "hint_last": ("That was the last hint. Still stuck? `grade solution {key}` shows the reference solution, "
                  "explained.", "这是最后一条提示。还是卡住了？运行 `grade solution {key}` 可以看参考答案和讲解。"),
    "solution_locked": ("The solution of {key} opens once you pass the kata, or once you have read all {total} "
                        "of its hints (you have read {shown}): try `grade hint {key}` first.",
                        "{key} 的参考答案要等你通过这道练习，或者看完它的全部 {total} 条提示之后才能看"
                        "（你已经看了 {shown} 条）：先试试 `grade hint {key}`。"),
    "solution_ask": ("Show the solution of {key}? You have not passed it yet. [y/N] ",
                     "要看 {key} 的参考答案吗？你还没有通过这道练习。[y/N] "),
    "solution_no_tty": ("not showing the solution of {key}: you have not passed it yet; confirm with --yes when "
                        "not running in a terminal",
                        "没有显示 {key} 的参考答案：你还没有通过这道练习；不在交互终端里运行时，请加 --yes 确认"),
    "solution_kept": ("Not shown. One more try?", "好，先不看。再试一次？"),
    "solution_header": ("Reference solution of {key} · {title}", "参考答案 · {key} · {title}"),
    "solution_why": ("Why it is written this way", "为什么这样写"),
    "solution_no_explanation": ("This kata has no explanation yet.", "这道练习还没有讲解。"),
    "solution_yours": ("Your file {path} is unchanged: compare it with the reference above.",
                       "你的文件 {path} 没有任何改动：可以拿它和上面的参考答案对照一下。"),
    "solution_missing": ("the reference solution of {key} cannot be read: {error}",
                         "读不到 {key} 的参考答案：{error}"),
    # Submissions in the forms LMSs hand over (grader/submission.py, grader/notebook.py).
    "sub_note": ("submission:", "提交的作业："),
    "sub_more": ("{names} and {count} more", "{names} 等，另有 {count} 个"),
    "sub_ignored": ("ignored (not kata files): {names}", "已忽略（不是练习文件）：{names}"),
    "sub_elsewhere": ("not graded in this run (kata files of other katas): {names}",
                      "本次没有评分（属于本次没有评的练习）：{names}"),
    "sub_placed": ("flat files placed in their chapter folders: {names}", "没有放在章节文件夹里的文件已按文件名归入各自章节：{names}"),
    "sub_opened": ("graded {name}, the only notebook or zip found", "评分的是 {name}：这里只找到这一个笔记本或 zip 文件"),
    "sub_beside": ("{name} not graded: kata files were found beside it, and they are what is graded",
                   "{name} 没有评分：它旁边有练习文件，评分以这些练习文件为准"),
    "sub_too_deep": ("{name} is a zip inside a zip inside a zip: only one zip inside a zip is opened; "
                     "hand in the kata files, or one zip of them",
                     "{name} 是 zip 里的 zip 里的 zip：zip 里的 zip 只会打开一层；请直接交练习文件，或者只打一层 zip"),
    "sub_empty": ("no kata files found in {where}: expected files such as {example}, flat or in chapter folders, "
                  "or one notebook or zip", "在 {where} 中没有找到练习文件：应当有 {example} 这样的文件（直接放着或放在章节"
                  "文件夹里都可以），或者一个笔记本、一个 zip 文件"),
    "sub_ambiguous": ("{where} holds {count} notebooks or zips and no kata files ({names}): which one is the "
                      "work? hand in one", "{where} 里有 {count} 个笔记本或 zip 文件，却没有练习文件（{names}）："
                      "分不清哪个才是作业，请只交一个"),
    "sub_link": ("{name}: a symbolic link, not a file; refused", "{name}：这是符号链接，不是普通文件；已拒收"),
    "sub_special": ("{name}: not a regular file (a FIFO, device, socket or folder); refused",
                    "{name}：不是普通文件（而是 FIFO、设备、套接字或文件夹）；已拒收"),
    "sub_large": ("{name}: larger than {limit:,} bytes; refused", "{name}：超过 {limit:,} 字节；已拒收"),
    "sub_unreadable": ("{name}: cannot be read ({why}); refused", "{name}：无法读取（{why}）；已拒收"),
    "sub_second": ("{name}: a second file for {key}; the first one is graded", "{name}：这是 {key} 的第二个文件；评分的是第一个"),
    "nb_missing": ("{key}: no code cell tagged {tag}; graded as not started",
                   "{key}：没有带 {tag} 标签的代码单元；按“未开始”计"),
    "nb_duplicate": ("{key}: {count} cells tagged {tag} ({cells}); the last one, {last}, is graded",
                     "{key}：有 {count} 个单元带 {tag} 标签（{cells}）；评分的是最后一个，即 {last}"),
    "nb_unreadable": ("{key}: cell {cell} has no readable source; graded as not started",
                      "{key}：单元 {cell} 的源代码无法读取；按“未开始”计"),
    "nb_large": ("{key}: cell {cell} is larger than {limit:,} characters; refused",
                 "{key}：单元 {cell} 超过 {limit:,} 个字符；已拒收"),
    "nb_magics": ("{key}: cell {cell}: IPython magics and shell commands are not Python; removed before grading: "
                  "{lines}", "{key}：单元 {cell} 里的 IPython 魔法命令和 shell 命令不是 Python 代码，评分前已去掉：{lines}"),
    "nb_untagged": ("{key}: uses {names}, defined only in untagged cell {cells}: untagged cells are not graded; "
                    "move what the kata needs into its own cell",
                    "{key}：用到的 {names} 只在没有练习标签的单元 {cells} 里定义过：没有标签的单元不参与评分，"
                    "请把这道练习需要的代码移到它自己的单元里"),
    "sub_missing": ("--submission {path}: no such file or folder", "--submission {path}：没有这个文件或文件夹"),
    "sub_what": ("--submission must be a folder, a .zip or a .ipynb notebook (got {path})",
                 "--submission 必须是文件夹、.zip 文件或 .ipynb 笔记本（实际是 {path}）"),
    "sub_bad_zip": ("--submission {where}: not a readable zip file ({why})", "--submission {where}：不是可以读取的 zip 文件（{why}）"),
    "sub_encrypted": ("{where} is encrypted (the zip has a password); zip the files again without one",
                      "{where} 是加密的（这个 zip 有密码）；请不设密码重新打包"),
    "sub_method": ("{where} is compressed with a method this grader cannot read (method {method}); zip the files "
                   "again with the usual method (deflate)",
                   "{where} 用了评分器读不了的压缩方式（方式 {method}）；请用常见的方式（deflate）重新打包"),
    "sub_damaged": ("{where} is damaged ({why}); download the submission again, or zip it again",
                    "{where} 已损坏（{why}）；请重新下载这份作业，或者重新打包"),
    "nb_invalid": ("{path}: not a valid notebook: {why}", "{path}：不是有效的笔记本：{why}"),
    "nb_too_deep": ("it is nested too deeply to read", "嵌套层数太多，无法读取"),
    "nb_no_cells": ("it has no list of cells", "里面没有单元列表"),
    # Pictures: the activity calendar and chapter bars of `grade progress` (grader/history.py),
    # a training kata's loss curve and its likely cause (grader/plot.py).
    "progress_calendar": ("Activity, last {weeks} weeks (katas graded per day)",
                          "最近 {weeks} 周的学习记录（每天评分的练习数）"),
    "progress_weekdays": ("Mon Tue Wed Thu Fri Sat Sun", "周一 周二 周三 周四 周五 周六 周日"),
    "progress_months": ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
                        "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月"),
    "progress_less": ("less", "少"),
    "progress_more": ("more", "多"),
    "progress_chapters": ("Katas passed, per chapter", "各章已通过的练习"),
    "progress_minutes": ("{minutes:.1f} min", "{minutes:.1f} 分钟"),
    "curve_caption": ("the loss of your training run: {count} values, from {first} to {last}",
                      "你这次训练的损失曲线：共 {count} 个值，从 {first} 到 {last}"),
    "curve_nan": ("The loss became NaN or infinite: the learning rate is probably too high, or the inputs are not "
                  "normalised (or a log or a division met 0).",
                  "损失变成了 NaN 或无穷大：多半是学习率太大，或者输入数据没有归一化（也可能是对 0 取了 log、除以了 0）。"),
    "curve_rising": ("The loss goes up instead of down: the learning rate is probably too high, or the gradients "
                     "are never cleared with optimizer.zero_grad().",
                     "损失不降反升：多半是学习率太大，或者没有用 optimizer.zero_grad() 清空梯度。"),
    "curve_oscillating": ("The loss jumps up and down without getting lower: the learning rate is probably too "
                          "high, or optimizer.zero_grad() is missing and the gradients pile up.",
                          "损失忽高忽低、始终降不下去：多半是学习率太大，或者漏了 optimizer.zero_grad()，梯度越积越多。"),
    "curve_flat": ("The loss barely moves: the learning rate is probably too low, or optimizer.step() never "
                   "reaches the model's parameters (were they given to the optimizer, and do they require grad?).",
                   "损失几乎没有变化：多半是学习率太小，或者 optimizer.step() 根本没有更新模型的参数"
                   "（参数交给优化器了吗？它们的 requires_grad 打开了吗？）。"),
    "curve_overfit": ("The validation loss rises while the training loss keeps falling: the model is overfitting; "
                      "stop earlier, or add regularisation or more data.",
                      "训练损失还在下降，验证损失却开始上升：模型过拟合了；可以早点停止训练，或者加正则化、增加数据。"),
    # Chinese everywhere a learner reads (issue #16 §3): verdicts, notebooks.
    "verdict_missing": ("{path} does not exist", "{path} 不存在"),
    "verdict_not_loaded": ("the kata's tests could not be loaded:\n{error}", "这道练习的测试加载失败：\n{error}"),
    "verdict_no_tests": ("no tests were collected for this kata", "这道练习一个测试也没有收集到"),
    "verdict_untouched": ("unchanged from the shipped stub: find and fix the bug\n{first}",
                          "文件和发下来的模板一模一样：先找出并修好里面的 bug\n{first}"),
    "notebook_exists": ("{path} already exists and may hold your work; not overwriting it (use --force to replace it)",
                        "{path} 已经存在，里面可能有你写的内容，所以没有覆盖它（确实要替换，请加 --force）"),
    "notebook_not_chapter": ("{target!r} is not a whole chapter; name one, e.g. {example}",
                             "{target!r} 不是一整章；请指定一章，例如 {example}"),
    # `grade watch` that responds (issue #16 §2, grader/watch.py, grader/watch_input.py).
    "watch_keys": ("keys: h = hint · n = next kata · p = previous kata · r = grade again · l = this chapter · q = quit",
                   "按键：h = 提示 · n = 下一题 · p = 上一题 · r = 重新评分 · l = 本章列表 · q = 退出"),
    "watch_grading": ("grading {key}… ({seconds:.1f} s)", "正在评分 {key}…（{seconds:.1f} 秒）"),
    "watch_grading_plain": ("grading {key}…", "正在评分 {key}…"),
    "watch_stopped_run": ("stopped grading {key}: nothing is recorded for it", "已停止评分 {key}：这次不记录结果"),
    "watch_quit": ("stopped watching", "已退出监视模式"),
    "watch_unchanged": ("{key} passed and has not changed since: not graded again (r grades it again)",
                        "{key} 已经通过，之后文件没有改动，不再重新评分（按 r 可以重新评分）"),
    "watch_skipped": ("{count} passed katas have not changed since they passed: not graded again (p goes back)",
                      "有 {count} 道已通过的练习之后没有改动，不再重新评分（按 p 可以往回看）"),
    "watch_first": ("{key} is the first kata", "{key} 已经是第一道练习了"),
    "watch_last": ("{key} is the last kata", "{key} 已经是最后一道练习了"),
    "watch_here": ("you are on {key}", "当前练习：{key}"),
    "watch_polling": ("checking the current kata file for changes every {seconds} s",
                      "每 {seconds} 秒检查一次当前练习文件有没有改动"),
    "watch_poll_fallback": ("file change events are not available here ({error}); checking the kata file every "
                            "0.5 s instead", "这里收不到文件改动的通知（{error}）；改为每 0.5 秒检查一次练习文件"),
    # Torch's own errors, explained (issue #16 §1, grader/explain.py): the line under torch's text.
    "run_explained": ("  what this means: {explanation}", "  报错含义：{explanation}"),
}


def language() -> str:
    """The learner's language in this process: "en" until `set_language` says otherwise. It
    lives in the environment (TORCHKATA_LANG), so that the processes this one starts speak
    it too; a worker, whose environment is allow-listed, is told it in its spawn."""
    return "zh" if os.environ.get("TORCHKATA_LANG", "").lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    """Set the learner's language once for this process (the CLI does, from --lang)."""
    os.environ["TORCHKATA_LANG"] = "zh" if lang == "zh" else "en"


# Chinese for the CLI's help texts, looked up by their English (see `tr`).
CATALOG: dict[str, str] = {
    'in the reports, a failing kata earns points in proportion to its tests passed': '在报告中，未通过的练习按通过的测试比例得分',
    'start from your own files in exercises/, with the hints, grading into your progress': '从你在 exercises/ 里的文件开始，附带提示，评分结果记入你的学习进度',
    "bring a notebook's answers back into exercises/ (asks before replacing a file)": '把笔记本里的答案放回 exercises/（替换文件前会先询问）',
    "record these verdicts in your progress (your own notebook)": '把这次的评分结果记入你的学习进度（用于你自己的笔记本）',
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
    # grade solution
    'the reference solution of a kata, explained': '某道练习的参考答案及讲解',
    'show it without asking, even before you pass': '直接显示，不再询问（即使还没有通过）',
    # Chinese everywhere a learner reads (issue #16 §3): argparse's own words (grader/argparser.py)
    # and the help texts of every subcommand. argparse's sentences keep their %-fields in order.
    'usage: ': '用法：',
    'positional arguments': '位置参数',
    'options': '选项',
    'show this help message and exit': '显示这条帮助信息并退出',
    "show program's version number and exit": '显示版本号并退出',
    'the following arguments are required: %s': '缺少必需的参数：%s',
    'unrecognized arguments: %s': '无法识别的参数：%s',
    'argument %(argument_name)s: %(message)s': '参数 %(argument_name)s 有误：%(message)s',
    'invalid choice: %(value)r (choose from %(choices)s)': '%(value)r 不是可选的值（可选：%(choices)s）',
    'invalid %(type)s value: %(value)r': '需要 %(type)s 类型的值（实际为 %(value)r）',
    'expected one argument': '后面需要跟一个值',
    'expected at least one argument': '后面至少需要跟一个值',
    'expected at most one argument': '后面最多只能跟一个值',
    'not allowed with argument %s': '不能和 %s 同时使用',
    'ignored explicit argument %r': '不接受值 %r',
    'ambiguous option: %(option)s could match %(matches)s': '选项 %(option)s 有歧义，可能是 %(matches)s',
    'one of the arguments %s is required': '需要 %s 中的一个参数',
    'e.g. ch03.ex01': '例如 ch03.ex01',
    'teachers: write a chapter as a Jupyter notebook': '教师工具：把一章写成 Jupyter 笔记本',
    'teachers: grade many submissions in parallel into a gradebook': '教师工具：并行批改多份作业，汇总成成绩单',
    'teachers: merge the gradebooks of sharded batch runs': '教师工具：合并分片批改得到的成绩单',
    'maintainer tools': '维护者工具',
    "Write a chapter's katas as a Jupyter notebook.": '把一章的练习写成 Jupyter 笔记本。',
    'chapter3, 3, ch03 or autograd': 'chapter3、3、ch03 或 autograd',
    'folder to write the notebook to (default: .)': '笔记本写到哪个文件夹（默认：当前文件夹）',
    'replace an existing notebook (its work is lost)': '替换已有的笔记本（里面写的内容会丢失）',
    "grade a student's work: a folder, a .zip or a .ipynb; only the kata files are taken from it":
        '批改学生的作业：文件夹、.zip 或 .ipynb；只取其中的练习文件',
    'also write a JSON report to PATH': '同时把 JSON 报告写到 PATH',
    'also write a JUnit XML report to PATH': '同时把 JUnit XML 报告写到 PATH',
    'also write a Gradescope results.json to PATH': '同时把 Gradescope 的 results.json 写到 PATH',
    'visibility of the Gradescope results (default: visible)': 'Gradescope 成绩的可见性（默认：visible）',
    # grade watch --poll (issue #16 §2)
    'look at the kata file every 0.5 s instead of waiting for file events (WSL on a Windows drive, a network '
    'folder)': '不等文件改动通知，每 0.5 秒检查一次练习文件（适用于 WSL 下的 Windows 磁盘、网络文件夹）',
}


def tr(en: str) -> str:
    """`en` in the learner's language, from CATALOG (English when there is no entry)."""
    return CATALOG.get(en, en) if language() == "zh" else en


def say(en: str, zh: str) -> str:
    """The version of a text written in both languages that the learner reads (`language`)."""
    return zh if language() == "zh" else en


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
