"""`grade doctor`: is this machine ready? Versions, GPU, data, state folder, manifests,
exercise files — and what to do about each problem."""

from __future__ import annotations

import platform
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from . import paths

__all__ = ["doctor"]

Check = Callable[[], tuple[bool, str, str]]  # () -> (ok, what was found, how to fix)


def _python() -> tuple[bool, str, str]:
    ok = sys.version_info >= (3, 10)
    return ok, f"Python {platform.python_version()}", "install Python 3.10 or newer"


def _torch() -> tuple[bool, str, str]:
    try:
        import torch
    except Exception as e:
        return False, f"torch does not import: {e}", "pip install -e . (installs torch)"
    major, minor = (int(x) for x in torch.__version__.split(".")[:2])
    return (major, minor) >= (2, 2), f"torch {torch.__version__}", "pip install -U 'torch>=2.2'"


def _torchvision() -> tuple[bool, str, str]:
    fix = "install matching versions: pip install -U torch torchvision"
    try:
        import torch
        import torchvision
        from torchvision.ops import nms

        nms(torch.zeros(1, 4), torch.zeros(1), 0.5)  # fails when torch and torchvision don't match
    except Exception as e:
        return False, f"torchvision does not work: {str(e)[:120]}", fix
    return True, f"torchvision {torchvision.__version__}", fix


def _cuda() -> tuple[bool, str, str]:
    import torch

    if torch.cuda.is_available():
        return True, f"CUDA {torch.version.cuda}: {torch.cuda.get_device_name(0)}", ""
    build = f"CUDA build {torch.version.cuda}" if torch.version.cuda else "CPU-only build"
    return True, f"no GPU ({build}): CUDA katas will show as skipped", ""


def _mnist() -> tuple[bool, str, str]:
    from .data import DatasetUnavailable, data_dir, ensure_mnist

    try:
        root = ensure_mnist(data_dir())
    except DatasetUnavailable as e:
        what, _, fix = str(e).partition(". Fix: ")
        return False, what, fix
    return True, f"MNIST present and intact in {root}", ""


def _state() -> tuple[bool, str, str]:
    from .store import Store, StoreError

    fix = f"make {paths.STATE} writable (or free some disk space)"
    try:
        paths.STATE.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=paths.STATE):
            pass
        Store(paths.STATE / "progress.db", warn=lambda m: None).close()
    except (OSError, StoreError) as e:
        return False, f"{paths.STATE} is not writable: {e}", fix
    return True, f"{paths.STATE} is writable", fix


def _course() -> tuple[bool, str, str]:
    from .manifest import load_chapters

    problems: list[Any] = []
    chapters = load_chapters(paths.EXERCISES, problems)
    missing = [k.key for c in chapters for k in c.katas if not (paths.EXERCISES / k.path).is_file()]
    if problems:
        return False, f"broken manifest: {problems[0]}", "restore it with git checkout -- exercises"
    if missing:
        return False, f"exercise files missing: {', '.join(missing)}", f"grade reset {missing[0]}"
    total = sum(len(c.katas) for c in chapters)
    return True, f"{len(chapters)} chapters, {total} katas, every exercise file present", ""


CHECKS: list[tuple[str, Check]] = [
    ("python", _python), ("torch", _torch), ("torchvision", _torchvision), ("gpu", _cuda),
    ("data", _mnist), ("state", _state), ("course", _course),
]


def doctor(console: Any) -> bool:
    """Run every check; print ✓/✗ with the fix; True if nothing needs fixing."""
    healthy = True
    for name, check in CHECKS:
        try:
            ok, found, fix = check()
        except Exception as e:  # a check must never crash the doctor
            ok, found, fix = False, f"check failed: {e}", ""
        healthy &= ok
        mark = "[green]✓[/]" if ok else "[red]✗[/]"
        console.print(f"{mark} {name:<12} {found}")
        if not ok and fix:
            console.print(f"  [yellow]fix:[/] {fix}")
    return healthy
