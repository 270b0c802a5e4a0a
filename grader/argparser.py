"""argparse, speaking the learner's language.

argparse writes its own words ("usage:", "options", "the following arguments are required")
through gettext, which Python ships no Chinese for. Rather than install a translation
catalogue process-wide, every `grade` parser is a `Parser`: it names its groups and its
`-h` in the learner's language and translates argparse's error sentences, all from
`i18n.CATALOG` (looked up by argparse's own English, like every other help text).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from . import i18n
from .i18n import t, tr

__all__ = ["Parser"]

# argparse's error sentences that a learner can cause, as argparse writes them (its gettext
# ids). `argument %(argument_name)s: %(message)s` wraps one of the others.
ERRORS = (
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "invalid %(type)s value: %(value)r",
    "expected one argument",
    "expected at least one argument",
    "expected at most one argument",
    "not allowed with argument %s",
    "ignored explicit argument %r",
    "ambiguous option: %(option)s could match %(matches)s",
    "one of the arguments %s is required",
)
_FIELD = re.compile(r"%(?:\(\w+\))?[rsd]")  # a %-field: %s, %r, %(name)s


def _pattern(msgid: str) -> re.Pattern[str]:
    """A regex matching `msgid` once formatted, a group per field."""
    return re.compile("(.*?)".join(re.escape(part) for part in _FIELD.split(msgid)) + r"\Z", re.S)


def translate_error(message: str) -> str:
    """argparse's error `message` in the learner's language (as it is when there is none).
    The Chinese of each sentence keeps its fields in argparse's order."""
    for msgid in ERRORS:
        found = _pattern(msgid).match(message)
        if found and tr(msgid) != msgid:
            values = [translate_error(v) for v in found.groups()]  # "argument --lang: invalid choice: …"
            pieces = _FIELD.split(tr(msgid))
            return "".join(p + v for p, v in zip(pieces, [*values, ""], strict=True))
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix if prefix is not None else tr("usage: "))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose titles, `-h` and errors follow `i18n.language()`; subcommand
    parsers made from it are Parsers too."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = tr("positional arguments")
        self._optionals.title = tr("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):  # argparse's own -h, named in English
                action.help = tr("show this help message and exit")

    def error(self, message: str) -> NoReturn:
        """Usage, then `grade: 错误: …` (argparse's own line, translated); exit 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t('error', i18n.language())}: {translate_error(message)}\n")
