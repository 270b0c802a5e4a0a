"""Assertions for kata tests that explain a failure in tensor terms.

Each check looks at one returned value in the order a learner should: its type, then
shape, then dtype and device, then values. Messages say what was expected and what came
back, e.g. ``derivative_at(2.5) must be 8.0 (got 7.0)``. They run in the judge, on values
decoded from the worker, so the learner's code cannot patch them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import torch

from . import i18n
from .i18n import say
from .results import MAX_CURVE
from .sandbox.codec import Unsupported

__all__ = ["KataAssertion", "check_tensor", "check_number", "check_equal", "check_true", "hint", "record_curve",
           "say"]

SMALL = 16  # tensors with at most this many elements are printed in full


class KataAssertion(AssertionError):
    """A returned value is wrong; the message explains how."""


def _t(message: str, **fields: object) -> str:
    return i18n.t(message, i18n.language(), **fields)


def _fail(message: str) -> None:
    raise KataAssertion(message)


def _type_name(value: object) -> str:
    if isinstance(value, Unsupported):
        return value.type_name.rsplit(".", 1)[-1]
    t = type(value)
    return t.__name__ if t.__module__ in ("builtins", "numpy") else f"{t.__module__}.{t.__name__}"


def _describe(value: object) -> str:
    """`float 7.0`, `list [1, 2]`, `MyThing <repr>` for messages."""
    text = value.repr if isinstance(value, Unsupported) else repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{_type_name(value)} {text}"


def _num(value: object) -> str:
    """A number as a learner reads it: 6 significant digits, no float noise (0.1, not
    0.10000000149011612)."""
    if isinstance(value, float):
        text = f"{value:.6g}"
        return text if any(c in text for c in ".eni") else text + ".0"  # 2.0 stays a float; not inf, nan
    if isinstance(value, list):
        return "[" + ", ".join(_num(v) for v in value) + "]"
    return str(value)


def _fmt(t: torch.Tensor) -> str:
    if t.numel() <= SMALL and t.device.type != "meta":
        return _num(t.detach().cpu().tolist())
    return f"tensor of shape {tuple(t.shape)}"


def _first_nonfinite(t: torch.Tensor) -> str | None:
    if not (t.is_floating_point() or t.is_complex()):
        return None
    bad = (~torch.isfinite(t)).nonzero()
    if len(bad) == 0:
        return None
    index = tuple(bad[0].tolist())
    return f"{t[index].item()} at index {list(index)}"


def check_true(condition: bool, message: str, zh: str | None = None) -> None:
    """Fail with `message` (or its Chinese version `zh`, for --lang zh) unless `condition` holds."""
    if not condition:
        _fail(say(message, zh) if zh else message)


def check_tensor(
    got: Any,
    expected: torch.Tensor,
    what: str,
    *,
    atol: float = 1e-5,
    rtol: float = 1e-4,
    dtype: bool = True,
    requires_grad: bool | None = None,
) -> None:
    """`got` must be a tensor like `expected`: same shape, dtype, device and close values."""
    if not isinstance(got, torch.Tensor):
        _fail(_t("chk_tensor", what=what, got=_describe(got)))
    if got.layout != expected.layout:
        _fail(_t("chk_layout", what=what, want=expected.layout, got=got.layout))
    if got.device.type == "meta" and expected.device.type != "meta":
        _fail(_t("chk_meta", what=what))
    if got.shape != expected.shape:
        _fail(_t("chk_shape", what=what, want=tuple(expected.shape), got=tuple(got.shape)))
    if dtype and got.dtype != expected.dtype:
        _fail(_t("chk_dtype", what=what, want=expected.dtype, got=got.dtype))
    if got.device.type != expected.device.type:
        _fail(_t("chk_device", what=what, want=expected.device, got=got.device))
    if requires_grad is not None and got.requires_grad != requires_grad:
        _fail(_t("chk_grad_yes" if requires_grad else "chk_grad_no", what=what))
    if expected.device.type == "meta":
        return
    _check_values(got.detach().cpu(), expected.detach().cpu(), what, atol, rtol)


def _check_values(got: torch.Tensor, expected: torch.Tensor, what: str, atol: float, rtol: float) -> None:
    if expected.is_sparse:
        got, expected = got.to_dense(), expected.to_dense()
    bad = _first_nonfinite(got)
    if bad and _first_nonfinite(expected) is None:
        _fail(_t("chk_nan", what=what, bad=bad))
    if got.dtype == torch.bool or not (got.is_floating_point() or got.is_complex()):
        close = got.to(expected.dtype) == expected if got.dtype != expected.dtype else got == expected
    else:
        g, e = got.to(torch.float64), expected.to(torch.float64)
        close = ((g - e).abs() <= atol + rtol * e.abs()) | ((g == e) | (g.isnan() & e.isnan()))
    if bool(close.all()):
        return
    index = tuple((~close).nonzero()[0].tolist())
    first_want, first_got = _num(expected[index].item()), _num(got[index].item())
    if first_want == first_got:  # rounding would hide the difference: show every digit
        first_want, first_got = repr(expected[index].item()), repr(got[index].item())
    detail = _t("chk_first_diff", index=list(index), want=first_want, got=first_got)
    if got.is_floating_point() and expected.is_floating_point():
        diff = (got.double() - expected.double()).abs().max().item()
        detail += "; " + _t("chk_max_diff", diff=f"{diff:.3g}")
    if expected.numel() <= SMALL:
        want, have = _t("chk_expected"), _t("chk_got")
        width = max(len(want), len(have))
        detail += f"\n  {want:<{width}} {_fmt(expected)}\n  {have:<{width}} {_fmt(got)}"
    _fail(_t("chk_values", what=what, detail=detail))


def check_number(got: Any, expected: float, what: str, *, atol: float = 1e-5, rtol: float = 1e-5) -> None:
    """`got` must be a Python number (not a tensor) close to `expected`."""
    if isinstance(got, torch.Tensor):
        _fail(_t("chk_number_tensor", what=what))
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        _fail(_t("chk_number", what=what, got=_describe(got)))
    if math.isnan(got) and not math.isnan(expected):
        _fail(_t("chk_must_be", what=what, want=_num(expected), got="nan"))
    if not abs(got - expected) <= atol + rtol * abs(expected):
        want, have = (_num(expected), _num(got)) if _num(expected) != _num(got) else (repr(expected), repr(got))
        _fail(_t("chk_must_be", what=what, want=want, got=have))


def check_equal(got: Any, expected: Any, what: str) -> None:
    """`got` must equal `expected` exactly, with the same type (for ints, strings, tuples)."""
    if type(got) is not type(expected):
        want = _type_name(expected)
        _fail(_t("chk_type", what=what, want=want, article="an" if want[:1] in "aeiou" else "a", got=_describe(got)))
    if isinstance(expected, (list, tuple)):
        if len(got) != len(expected):
            _fail(_t("chk_len", what=what, want=len(expected), got=len(got)))
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            check_equal(g, e, f"{what}[{i}]")
        return
    if isinstance(expected, dict):
        if set(got) != set(expected):
            _fail(_t("chk_keys", what=what, want=sorted(expected), got=sorted(got)))
        for k in expected:
            check_equal(got[k], expected[k], f"{what}[{k!r}]")
        return
    if isinstance(expected, torch.Tensor):
        check_tensor(got, expected, what, atol=0, rtol=0)
        return
    if not (got == expected):
        _fail(_t("chk_must_be", what=what, want=repr(expected), got=repr(got)))


@contextmanager
def hint(en: str, zh: str | None = None) -> Iterator[None]:
    """`with hint(en, zh):` adds a hint under the message of any check in the block that
    fails, and under a failure of the learner's code itself (it raised, timed out, crashed),
    so that the test's advice shows whatever went wrong first."""
    from .errors import KataProblem

    try:
        yield
    except (AssertionError, KataProblem) as e:
        text = say(en, zh) if zh else en
        raise type(e)(_t("hint", failure=str(e), hint=text)) from None


def record_curve(record_property: Any, losses: Any, val_losses: Any = None) -> None:
    """Hand the losses of the learner's training run (one per step, in order) to the grader,
    which draws them under the kata's verdict and names a likely cause when the curve looks
    wrong (see plot.py). `record_property` is pytest's fixture: the curve travels like a
    metric, on the test's report. Values that are not numbers are left out rather than
    failing here: the test's own checks say what is wrong with them."""
    for name, values in (("loss_curve", losses), ("val_loss_curve", val_losses)):
        if isinstance(values, (list, tuple)):
            numbers = [float(v) for v in values[:MAX_CURVE] if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if numbers:
                record_property(name, numbers)
