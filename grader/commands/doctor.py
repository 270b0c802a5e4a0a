"""`grade doctor`: versions, GPU, data, state folder, course files, confinement."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import tr
from . import shared

NAME = "doctor"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(NAME, parents=[common], help=tr("check versions, GPU, data and state folder"))


def run(args: argparse.Namespace) -> int:
    from ..doctor import doctor

    return 0 if doctor(shared.console(args), args.lang) else 1
