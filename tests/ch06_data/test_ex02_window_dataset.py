"""Hidden-reference tests for ch06 · ex02 — the Dataset contract: __len__ and __getitem__."""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, say


def series_of(length, seed=0):
    return torch.randn(length, generator=torch.Generator().manual_seed(seed))


def length_probe(mod, series, window):
    return len(mod.WindowDataset(series, window))


def items_probe(mod, series, window, indices):
    ds = mod.WindowDataset(series, window)
    return [tuple(ds[i]) for i in indices]


def error_probe(mod, series, window, index):
    """In the worker: the name of the exception ds[index] raises, or None."""
    ds = mod.WindowDataset(series, window)
    try:
        ds[index]
    except NotImplementedError:
        raise  # not written yet: reported as "not started"
    except Exception as e:  # noqa: BLE001 - the test reports which one
        return type(e).__name__
    return None


def iterate_probe(mod, series, window, limit):
    """In the worker: `for item in ds`, stopped after `limit` items in case it never ends."""
    ds = mod.WindowDataset(series, window)
    items = []
    for item in ds:
        items.append(tuple(item))
        if len(items) >= limit:
            break
    return items


def loader_probe(mod, series, window, batch_size):
    """In the worker: the shapes of the batches a DataLoader makes."""
    from torch.utils.data import DataLoader

    loader = DataLoader(mod.WindowDataset(series, window), batch_size=batch_size)
    return [(tuple(x.shape), tuple(y.shape)) for x, y in loader]


@pytest.mark.parametrize("length,window", [(10, 3), (17, 1), (8, 7)])
def test_length_counts_windows_with_a_next_value(kata, length, window):
    check_equal(kata.probe(length_probe, series_of(length), window), length - window,
                say(f"len(WindowDataset(series of {length} values, window={window}))",
                    f"len(WindowDataset(含 {length} 个值的 series, window={window}))"))


@pytest.mark.parametrize("length,window", [(5, 5), (3, 6)])
def test_no_windows_when_the_series_is_too_short(kata, length, window):
    check_equal(kata.probe(length_probe, series_of(length), window), 0,
                say(f"len(WindowDataset(series of {length} values, window={window}))",
                    f"len(WindowDataset(含 {length} 个值的 series, window={window}))"))


@pytest.mark.parametrize("length,window", [(11, 4), (6, 1)])
def test_items_are_window_and_next_value(kata, ref, length, window):
    series = series_of(length, seed=length)
    n = length - window
    got = kata.probe(items_probe, series, window, list(range(n)))
    expected = ref.WindowDataset(series, window)
    for i, item in enumerate(got):
        check_equal(len(item), 2, say(f"len(ds[{i}]), a (window, next value) pair",
                                      f"len(ds[{i}])（应为一个 (window, 下一个值) 对）"))
        check_tensor(item[0], expected[i][0], f"ds[{i}][0] (window={window})")
        check_tensor(item[1], expected[i][1], f"ds[{i}][1] (window={window})")


def test_negative_indices_count_from_the_end(kata, ref):
    series, window = series_of(12, seed=5), 5
    n = 12 - window
    indices = [-1, -2, -n]
    got = kata.probe(items_probe, series, window, indices)
    expected = ref.WindowDataset(series, window)
    for i, item in zip(indices, got, strict=True):
        check_equal(len(item), 2, say(f"len(ds[{i}]), a (window, next value) pair",
                                      f"len(ds[{i}])（应为一个 (window, 下一个值) 对）"))
        check_tensor(item[0], expected[i][0], say(f"ds[{i}][0] with len(ds) == {n}", f"len(ds) == {n} 时的 ds[{i}][0]"))
        check_tensor(item[1], expected[i][1], say(f"ds[{i}][1] with len(ds) == {n}", f"len(ds) == {n} 时的 ds[{i}][1]"))


@pytest.mark.parametrize("offset", [0, 1, 10])
def test_index_past_the_end_raises_index_error(kata, offset):
    series, window = series_of(9, seed=6), 3
    index = 9 - window + offset
    got = kata.probe(error_probe, series, window, index)
    check_true(got == "IndexError",
               f"ds[{index}] with len(ds) == {9 - window} must raise IndexError "
               f"({'returned a value' if got is None else f'raised {got}'})",
               f"len(ds) == {9 - window} 时，ds[{index}] 必须抛出 IndexError"
               f"（{'实际返回了一个值' if got is None else f'实际抛出了 {got}'}）")


@pytest.mark.parametrize("offset", [1, 4])
def test_index_before_the_start_raises_index_error(kata, offset):
    series, window = series_of(9, seed=7), 3
    index = -(9 - window) - offset
    got = kata.probe(error_probe, series, window, index)
    check_true(got == "IndexError",
               f"ds[{index}] with len(ds) == {9 - window} must raise IndexError "
               f"({'returned a value' if got is None else f'raised {got}'})",
               f"len(ds) == {9 - window} 时，ds[{index}] 必须抛出 IndexError"
               f"（{'实际返回了一个值' if got is None else f'实际抛出了 {got}'}）")


def test_for_loop_yields_each_window_once(kata, ref):
    series, window = series_of(10, seed=8), 4
    got = kata.probe(iterate_probe, series, window, 20)
    expected = list(ref.WindowDataset(series, window))
    check_equal(len(got), len(expected), say("the number of items in `for item in ds`",
                                             "`for item in ds` 得到的元素个数"))
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        check_tensor(g[0], e[0], say(f"item {i} of `for item in ds`, its window",
                                     f"`for item in ds` 中 item {i} 的 window"))


def test_dataloader_batches_windows(kata):
    series, window = series_of(15, seed=9), 3
    got = kata.probe(loader_probe, series, window, 5)
    expected = [((5, 3), (5,)), ((5, 3), (5,)), ((2, 3), (2,))]
    check_equal(got, expected, say("the (window, next value) shapes of DataLoader(ds, batch_size=5) batches",
                                   "DataLoader(ds, batch_size=5) 各个 batch 的 (window, 下一个值) 形状"))
