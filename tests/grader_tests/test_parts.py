"""The grader's parts on their own: manifest loader, stub generator, name resolution,
the worker codec and the tensor-aware checks."""

import io
import pickle

import numpy as np
import pytest
import torch

from grader.checks import KataAssertion, check_equal, check_number, check_tensor
from grader.discovery import resolve
from grader.errors import ManifestError, StubError, UnknownTargetError
from grader.manifest import load_chapter
from grader.sandbox.codec import Unsupported, decode, encode
from grader.stubgen import make_stub

GOOD = """format_version = 1
title = { en = "Autograd", zh = "自动求导" }

[[kata]]
id = "ex01_derivative"
title = { en = "Derivative", zh = "导数" }
goal = { en = "Find it.", zh = "求导。" }
points = 2

[[kata.hints]]
en = "one"
zh = "一"

[[kata.hints]]
en = "two"
zh = "二"
"""


def write_chapter(tmp_path, text, name="ch03_autograd"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "chapter.toml").write_text(text, encoding="utf-8")
    return folder


# -- manifest ---------------------------------------------------------------------------
def test_manifest_loads_titles_points_and_hints(tmp_path):
    chapter = load_chapter(write_chapter(tmp_path, GOOD))
    kata = chapter.katas[0]
    assert (chapter.number, chapter.slug, chapter.title.get("zh")) == (3, "autograd", "自动求导")
    assert (kata.key, kata.points, kata.hints[1].get("zh")) == ("ch03.ex01", 2, "二")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda s: s.replace("format_version = 1", "format_version = 9"), "format_version must be 1"),
        (lambda s: s.replace(', zh = "导数"', ''), "must be a table with 'en' and 'zh'"),
        (lambda s: s[: s.rindex("[[kata.hints]]")], "at least two"),
        (lambda s: s.replace("points = 2", "points = -1"), "points must be a whole number"),
        (lambda s: s.replace("points = 2", 'markers = ["gpu"]'), "markers must be a list"),
        (lambda s: s.replace('id = "ex01_derivative"', 'id = "derivative"'), "id must look like"),
        (lambda s: s + "\n[[kata", "not valid TOML"),
        (lambda s: s.replace("points = 2", "colour = 2"), "unknown keys: colour"),
        (lambda s: s.replace("points = 2", 'data = "test"'), "data must be one of"),
    ],
)
def test_malformed_manifests_get_a_clear_error(tmp_path, edit, message):
    with pytest.raises(ManifestError, match=message):
        load_chapter(write_chapter(tmp_path, edit(GOOD)))


def test_missing_manifest_is_reported_with_its_path(tmp_path):
    (tmp_path / "ch01_x").mkdir()
    with pytest.raises(ManifestError, match="missing chapter manifest"):
        load_chapter(tmp_path / "ch01_x")


# -- stub generation -----------------------------------------------------------------------
SOLUTION = """def f(x):
    # TODO: double it (1 line).
    # BEGIN SOLUTION
    return 2 * x
    # END SOLUTION
"""


def test_stub_replaces_solution_block_with_raise():
    assert make_stub(SOLUTION) == (
        "def f(x):\n    # TODO: double it (1 line).\n    raise NotImplementedError\n"
    )


def test_stub_block_gives_a_fix_kata_its_buggy_code():
    solution = SOLUTION + "    # BEGIN STUB\n    # return x + x + 1\n    # END STUB\n"
    assert make_stub(solution).endswith("    # TODO: double it (1 line).\n    return x + x + 1\n")


@pytest.mark.parametrize(
    "text, message",
    [
        ("def f():\n    return 1\n", "no '# BEGIN SOLUTION'"),
        ("def f():\n    # BEGIN SOLUTION\n    return 1\n", "without its '# END SOLUTION'"),
        ("def f():\n    # END SOLUTION\n", "unexpected"),
    ],
)
def test_broken_markers_are_errors(text, message):
    with pytest.raises(StubError, match=message):
        make_stub(text)


# -- resolving names ------------------------------------------------------------------------
@pytest.fixture
def chapters(tmp_path):
    return [load_chapter(write_chapter(tmp_path, GOOD))]


@pytest.mark.parametrize(
    "name", ["chapter3", "3", "ch03", "ch3", "autograd", "ch03_autograd", "Chapter 3", "ch03.ex01",
             "3.1", "ch03_autograd.ex01_derivative", "derivative",
             "exercises/ch03_autograd/ex01_derivative.py"],
)
def test_friendly_names_resolve(chapters, name):
    assert [k.id for k in resolve([name], chapters)] == ["ex01_derivative"]


def test_unknown_names_suggest_the_nearest(chapters):
    with pytest.raises(UnknownTargetError) as e:
        resolve(["autograde"], chapters)
    assert "autograd" in e.value.suggestions
    assert "Did you mean" in str(e.value)


# -- codec -------------------------------------------------------------------------------------
def roundtrip(value):
    return decode(encode(value))


def test_codec_keeps_tensors_dtypes_and_grad_flags():
    t = torch.arange(6, dtype=torch.float64).reshape(2, 3).requires_grad_()
    back = roundtrip({"t": t * 2, "n": 3, "tuple": (1, "a"), "dtype": torch.int8, "size": t.shape})
    assert torch.equal(back["t"], (t * 2).detach()) and back["t"].requires_grad
    assert back["tuple"] == (1, "a") and back["dtype"] is torch.int8 and back["size"] == (2, 3)


def test_codec_brings_numpy_arrays_and_meta_tensors_back_as_such():
    back = roundtrip([np.arange(3, dtype=np.int32), torch.empty(2, 5, device="meta")])
    assert isinstance(back[0], np.ndarray) and back[0].dtype == np.int32
    assert back[1].device.type == "meta" and back[1].shape == (2, 5)


def test_codec_turns_other_objects_into_unsupported():
    class Liar:
        def __eq__(self, other):
            return True

    back = roundtrip(Liar())
    assert isinstance(back, Unsupported) and back.type_name.endswith("Liar")


def test_decode_refuses_pickled_objects():
    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    buffer = io.BytesIO()
    pickle.dump(Evil(), buffer, protocol=2)
    with pytest.raises(ValueError):
        decode(buffer.getvalue())


# -- checks ------------------------------------------------------------------------------------
def failure(fn, *args, **kwargs):
    with pytest.raises(KataAssertion) as e:
        fn(*args, **kwargs)
    return str(e.value)


def test_check_tensor_explains_shape_dtype_and_values():
    expected = torch.zeros(2, 3)
    assert "expected (2, 3), got (3, 2)" in failure(check_tensor, torch.zeros(3, 2), expected, "f(x)")
    assert "expected torch.float32, got torch.float64" in failure(
        check_tensor, torch.zeros(2, 3, dtype=torch.float64), expected, "f(x)")
    got = expected.clone()
    got[1, 2] = 1.5
    assert "first difference at index [1, 2]: expected 0.0, got 1.5" in failure(
        check_tensor, got, expected, "f(x)")
    got[0, 1] = float("nan")
    assert "NaN/Inf: first is nan at index [0, 1]" in failure(check_tensor, got, expected, "f(x)")


def test_check_tensor_rejects_lists_and_arrays():
    assert "must be a tensor (got list" in failure(check_tensor, [0.0], torch.zeros(1), "f()")
    assert "must be a tensor (got ndarray" in failure(check_tensor, np.zeros(1), torch.zeros(1), "f()")


def test_check_number_wants_a_python_number():
    assert "got a tensor; use .item()" in failure(check_number, torch.tensor(7.0), 7.0, "d(2)")
    assert "d(2) must be 7.0 (got 6.0)" in failure(check_number, 6.0, 7.0, "d(2)")
    assert "d(2) must be 0.1 (got 0.3)" in failure(check_number, 0.30000001192092896, 0.1, "d(2)")  # rounded
    check_number(7.0000001, 7.0, "d(2)")


def test_check_equal_compares_types_and_items():
    assert "must be a tuple (got list" in failure(check_equal, [1, 2], (1, 2), "shape()")
    assert "shape()[1] must be 3 (got 2)" in failure(check_equal, (1, 2), (1, 3), "shape()")


def test_progress_line_names_epoch_batch_and_loss():
    from grader.terminal import describe_progress

    line = describe_progress("ch07.ex05", {"epoch": 1, "epochs": 3, "batch": 7, "batches": 469, "loss": 0.25})
    assert line == "ch07.ex05 · epoch 1/3 · batch 7/469 · loss 0.2500"


def test_check_true_speaks_the_learners_language(monkeypatch):
    from grader import i18n
    from grader.checks import check_true

    monkeypatch.setenv("TORCHKATA_LANG", "zh")  # where i18n.set_language keeps it
    assert i18n.language() == "zh"
    assert failure(check_true, False, "use .item()", "请用 .item()") == "请用 .item()"
    assert failure(check_true, False, "english only") == "english only"
    monkeypatch.setenv("TORCHKATA_LANG", "en")
    assert failure(check_true, False, "use .item()", "请用 .item()") == "use .item()"


def _payload(tree, buffers=()):
    """A reply as a worker could craft it, in the codec's wire format."""
    import json
    import struct

    header = json.dumps({"tree": tree, "sizes": [len(b) for b in buffers]}).encode()
    return struct.pack("<I", len(header)) + header + b"".join(buffers)


@pytest.mark.parametrize("tree, buffers, why", [
    ({"$": "tensor", "dtype": "float32", "shape": [10**9], "buffer": 0, "device": "cpu"}, [b"\0" * 4], "do not match"),
    ({"$": "tensor", "dtype": "float32", "shape": [2**40, 2**40], "buffer": 0, "device": "cpu"}, [b""], "do not match"),
    ({"$": "tensor", "dtype": "float32", "shape": [3], "buffer": 1, "device": "cpu"}, [b"\0" * 12], "not sent"),
    ({"$": "tensor", "dtype": "Tensor", "shape": [1], "buffer": 0, "device": "cpu"}, [b"\0" * 4], "unknown dtype"),
    ({"$": "tensor", "dtype": "float32", "shape": [-1], "buffer": 0, "device": "cpu"}, [b"\0" * 4], "sizes"),
    ({"$": "npscalar", "dtype": "V", "value": 10**9}, [], "unknown NumPy dtype"),
    ({"$": "npscalar", "dtype": "float64", "value": "x" * 100}, [], "must hold a number"),
    ({"$": "ndarray", "dtype": "object", "shape": [1], "buffer": 0}, [b"\0" * 8], "unknown NumPy dtype"),
    ({"$": "dtype", "name": "Tensor"}, [], "unknown dtype"),
    ({"$": "meta", "dtype": "float32", "shape": [1] * 100}, [], "sizes"),
    ({"$": "pickle", "data": "x"}, [], "unknown tag"),
    ({"$": "dict", "items": [[[1], 2]]}, [], "unhashable"),
])
def test_decode_refuses_what_does_not_add_up(tree, buffers, why):
    with pytest.raises((ValueError, TypeError), match=why):
        decode(_payload(tree, buffers))


def test_decode_costs_no_more_memory_than_was_sent():
    """A few bytes that claim a billion elements, or a stride-0 view of one, allocate nothing:
    every element must be on the wire."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for shape in ([10**9], [10**5, 10**5], [2**31]):
        with pytest.raises(ValueError):
            decode(_payload({"$": "tensor", "dtype": "float64", "shape": shape, "buffer": 0, "device": "cpu"},
                            [b"\0" * 8]))
    with pytest.raises(ValueError):
        decode(_payload([], [b"x" * 10])[:-5])  # buffers that add up to more than was sent
    with pytest.raises(ValueError):
        decode(_payload([], [b"x" * 10]) + b"more")  # or to less
    with pytest.raises(ValueError):
        decode(b"\xff\xff\xff\x7f" + b"[" * 100)  # a header length past the end
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB


def test_decode_refuses_nesting_without_recursing_forever():
    with pytest.raises(ValueError, match="nested too deeply|malformed header"):
        decode(_deep_payload(200_000))
    with pytest.raises(ValueError, match="nested too deeply"):
        decode(_deep_payload(50))  # within JSON's limits, beyond the codec's


def _deep_payload(depth):
    import struct

    header = b'{"tree": ' + b"[" * depth + b"]" * depth + b', "sizes": []}'
    return struct.pack("<I", len(header)) + header


def test_a_difference_that_rounding_would_hide_shows_every_digit():
    message = failure(check_number, 0.1000001, 0.1, "f()", atol=0, rtol=0)
    assert "must be 0.1 (got 0.1000001)" in message
    message = failure(check_tensor, torch.tensor([0.1000001], dtype=torch.float64),
                      torch.tensor([0.1], dtype=torch.float64), "f()", atol=0, rtol=0)
    assert "expected 0.1, got 0.1000001" in message


def test_a_mistake_is_named_only_when_the_answer_fails_the_same_way(tmp_path):
    from grader import catalogue
    from grader.results import KataResult, TestOutcome

    (tmp_path / "no_transpose.py").write_text("")
    mistake = catalogue.Entry(tmp_path / "no_transpose.py", "multiplies by w without .T", "没有转置")
    first = "forward_raw(...) raised RuntimeError: mat1 and mat2 shapes cannot be multiplied (5x4 and 8x4)"
    found = catalogue.Catalogue(kata=None, mistakes=(mistake,), alternatives=(),  # type: ignore[arg-type]
                                signatures={"no_transpose.py": {"fails": ["test_forward"], "first": {"en": first}}})

    def answer(message):
        return KataResult("ch04.ex01", "ch04_modules.ex01", "failing", message,
                          tests=[TestOutcome("test_forward", "failed", "failing", message),
                                 TestOutcome("test_module", "passed")])

    other_sizes = first.replace("5x4 and 8x4", "7x3 and 6x3")
    assert catalogue.diagnose(found, answer(other_sizes), "en") == mistake
    assert catalogue.behaviour("expected -0.308, got 1e-05") == catalogue.behaviour("expected 0.95, got -2")
    numpy_instead = "forward_raw(...) raised TypeError: unsupported operand type(s) for @: 'numpy.ndarray' and 'Tensor'"
    assert catalogue.diagnose(found, answer(numpy_instead), "en") is None
    assert catalogue.diagnose(found, answer(other_sizes), "zh") is None  # nothing recorded in Chinese


def test_two_look_alike_mistakes_are_told_apart_whatever_the_explanation_line_says(tmp_path):
    from grader import catalogue
    from grader.results import KataResult, TestOutcome

    first = "f(x) raised RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x8 and 6x3)"
    recorded = {"a.py": first + "\n  what this means: an older wording\n  File \"ex.py\", line 3",
                "b.py": first + "\n  what this means: an older wording\n  File \"ex.py\", line 9"}
    entries = []
    for name in recorded:
        (tmp_path / name).write_text("")
        entries.append(catalogue.Entry(tmp_path / name, name, name))
    found = catalogue.Catalogue(kata=None, mistakes=tuple(entries), alternatives=(),  # type: ignore[arg-type]
                                signatures={n: {"fails": ["test_f"], "first": {"en": m}} for n, m in recorded.items()})
    now = first + "\n  what this means: today's wording\n  File \"ex.py\", line 9"
    result = KataResult("ch09.ex01", "ch09_debugging.ex01", "failing", now,
                        tests=[TestOutcome("test_f", "failed", "failing", now)])
    assert catalogue.diagnose(found, result, "en") == entries[1]
