"""`grade doctor`: is this machine ready? Versions, GPU, data, state folder, manifests,
exercise files — and what to do about each problem."""

from __future__ import annotations

import platform
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from . import i18n, paths
from .i18n import say

__all__ = ["doctor"]

Check = Callable[[], tuple[bool, str, str]]  # () -> (ok, what was found, how to fix)


def _python() -> tuple[bool, str, str]:
    ok = sys.version_info >= (3, 10)
    fix = say("install Python 3.10 or newer", "请安装 Python 3.10 或更新版本")
    return ok, f"Python {platform.python_version()}", fix


def _torch() -> tuple[bool, str, str]:
    try:
        import torch
    except Exception as e:
        fix = say("pip install -e . (installs torch)", "运行 pip install -e .（会安装 torch）")
        return False, say(f"torch does not import: {e}", f"无法导入 torch：{e}"), fix
    major, minor = (int(x) for x in torch.__version__.split(".")[:2])
    return (major, minor) >= (2, 2), f"torch {torch.__version__}", "pip install -U 'torch>=2.2'"


def _torchvision() -> tuple[bool, str, str]:
    fix = say("install matching versions: pip install -U torch torchvision",
              "安装相互匹配的版本：pip install -U torch torchvision")
    try:
        import torch
        import torchvision
        from torchvision.ops import nms

        nms(torch.zeros(1, 4), torch.zeros(1), 0.5)  # fails when torch and torchvision don't match
    except Exception as e:
        return False, say(f"torchvision does not work: {str(e)[:120]}", f"torchvision 无法使用：{str(e)[:120]}"), fix
    return True, f"torchvision {torchvision.__version__}", fix


def _cuda() -> tuple[bool, str, str]:
    import torch

    if torch.cuda.is_available():
        return True, f"CUDA {torch.version.cuda}: {torch.cuda.get_device_name(0)}", ""
    build = (say(f"CUDA build {torch.version.cuda}", f"CUDA 版 {torch.version.cuda}") if torch.version.cuda
             else say("CPU-only build", "仅 CPU 版"))
    return True, say(f"no GPU ({build}): CUDA katas will show as skipped",
                     f"没有 GPU（{build}）：CUDA 练习会显示为已跳过"), ""


def _mnist() -> tuple[bool, str, str]:
    from .data import DatasetUnavailable, data_dir, ensure_mnist

    try:
        root = ensure_mnist(data_dir())
    except DatasetUnavailable as e:
        return False, e.problem, e.fix
    return True, say(f"MNIST present and intact in {root}", f"MNIST 数据完整，位于 {root}"), ""


def _state() -> tuple[bool, str, str]:
    from .store import Store, StoreError

    fix = say(f"make {paths.STATE} writable (or free some disk space)", f"让 {paths.STATE} 可写（或释放一些磁盘空间）")
    try:
        paths.STATE.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=paths.STATE):
            pass
        Store(paths.STATE / "progress.db", warn=lambda m: None).close()
    except (OSError, StoreError) as e:
        return False, say(f"{paths.STATE} is not writable: {e}", f"{paths.STATE} 不可写：{e}"), fix
    return True, say(f"{paths.STATE} is writable", f"{paths.STATE} 可写"), fix


def _course() -> tuple[bool, str, str]:
    from .manifest import load_chapters

    problems: list[Any] = []
    chapters = load_chapters(paths.EXERCISES, problems)
    missing = [k.key for c in chapters for k in c.katas if not (paths.EXERCISES / k.path).is_file()]
    if problems:
        return False, say(f"broken manifest: {problems[0]}", f"清单文件损坏：{problems[0]}"), say(
            "restore it with git checkout -- exercises", "用 git checkout -- exercises 恢复")
    if missing:
        names = ", ".join(missing)
        return False, say(f"exercise files missing: {names}", f"缺少练习文件：{names}"), f"grade reset {missing[0]}"
    total = sum(len(c.katas) for c in chapters)
    return True, say(f"{len(chapters)} chapters, {total} katas, every exercise file present",
                     f"{len(chapters)} 章，{total} 道练习，练习文件齐全"), ""


def _sandbox() -> tuple[bool, str, str]:
    import os

    from .errors import GradeError
    from .sandbox import Sandbox, unconfined_reason
    from .sandbox.confine import landlock_abi

    why = unconfined_reason()
    if why:  # fine for learning your own code; a teacher grading others' code should read SECURITY.md
        return True, say(f"kata code runs unconfined: {why} (teachers: see SECURITY.md)",
                         f"练习代码在无隔离的情况下运行：{why}（教师请阅读 SECURITY.md）"), ""
    try:
        with Sandbox() as sandbox:  # start a template, as grading would
            sandbox.check()
            shared = sandbox.template.report["shm"] if sandbox.template and sandbox.template.report else ""
    except GradeError as e:
        return False, say(f"kata code cannot be confined here: {e}", f"无法隔离练习代码：{e}"), \
            say("see SECURITY.md, 'Grading as root'", "参见 SECURITY.md 的“以 root 身份评分”一节")
    who = say("workers as you", "worker 以你的身份运行")
    if os.geteuid() == 0:
        who = say("each worker as a user of its own, without capabilities",
                  "每个 worker 以独立的用户身份运行，没有任何特权")
    shm = say(f"/dev/shm shared ({shared})", f"/dev/shm 共享（{shared}）") if shared else \
        say("/dev/shm private", "/dev/shm 私有")
    return True, say(f"kata code runs confined (Landlock ABI {landlock_abi()}), {who}, {shm}",
                     f"练习代码在隔离环境中运行（Landlock ABI {landlock_abi()}），{who}，{shm}"), ""


CHECKS: list[tuple[str, Check]] = [
    ("python", _python), ("torch", _torch), ("torchvision", _torchvision), ("gpu", _cuda),
    ("data", _mnist), ("state", _state), ("course", _course), ("sandbox", _sandbox),
]


def doctor(console: Any, lang: str = "en") -> bool:
    """Run every check; print ✓/✗ with the fix; True if nothing needs fixing."""
    i18n.set_language(lang)
    healthy = True
    for name, check in CHECKS:
        try:
            ok, found, fix = check()
        except Exception as e:  # a check must never crash the doctor
            ok, found, fix = False, say(f"check failed: {e}", f"检查失败：{e}"), ""
        healthy &= ok
        mark = "[green]✓[/]" if ok else "[red]✗[/]"
        console.print(f"{mark} {name:<12} {found}")
        if not ok and fix:
            console.print(f"  [yellow]{say('fix', '修复')}:[/] {fix}")
    return healthy
