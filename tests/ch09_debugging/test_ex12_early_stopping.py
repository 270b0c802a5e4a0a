"""Hidden-reference tests for ch09 · ex12 — early stopping that keeps the best weights."""

from functools import cache

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader.checks import check_equal, check_number, check_tensor, check_true, hint, say

N_TRAIN, N_VAL, TRAIN_BATCH, VAL_BATCH = 24, 20, 8, 5  # a validation batch never has the training batch's size


def _setup(seed):
    """A small noisy regression on which a dropout MLP with a large lr overfits: the validation
    loss goes down, wobbles, then goes up. Every loader has a generator of its own, so the global
    random state only drives the initial weights and dropout (the same in the worker and the judge)."""
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(5, 1, generator=g)
    x = torch.randn(N_TRAIN + N_VAL, 5, generator=g)
    y = x @ w + 0.8 * torch.randn(N_TRAIN + N_VAL, 1, generator=g)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    train_loader = DataLoader(TensorDataset(x[:N_TRAIN], y[:N_TRAIN]), batch_size=TRAIN_BATCH, shuffle=True,
                              generator=torch.Generator().manual_seed(seed))
    val_loader = DataLoader(TensorDataset(x[N_TRAIN:], y[N_TRAIN:]), batch_size=VAL_BATCH,
                            generator=torch.Generator())
    return model, optimizer, train_loader, val_loader


def fit_probe(mod, seed, max_epochs, patience):
    """In the worker: one early-stopped run; what it returns, the final weights, and for every
    forward pass its batch size, the model's mode and grad mode (a forward pre-hook)."""
    torch.set_grad_enabled(True)  # as a training script has it, whatever an earlier call left
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: threads only slow a busy machine down
    model, optimizer, train_loader, val_loader = _setup(seed)
    calls = []
    model.register_forward_pre_hook(lambda m, args: calls.append((len(args[0]), m.training, torch.is_grad_enabled())))
    try:
        result = mod.fit_with_early_stopping(model, optimizer, nn.MSELoss(), train_loader, val_loader,
                                             max_epochs, patience)
    finally:
        grad_after = torch.is_grad_enabled()
        torch.set_grad_enabled(True)
        torch.set_num_threads(threads)
    return {"result": result, "state": model.state_dict(), "calls": calls, "grad_after": grad_after}


@cache
def _expected(ref, seed, max_epochs, patience):
    """The reference run, in the judge, once per setting (the same seeds give the same run)."""
    return fit_probe(ref, seed, max_epochs, patience)


def split_probe(mod, n, val_fraction, seed):
    """In the worker: the dataset items (0..n-1) in each part, and the global random state around the call."""
    dataset = TensorDataset(torch.arange(n))
    torch.manual_seed(1234)
    torch.rand(3)
    before = torch.get_rng_state()
    parts = mod.split(dataset, val_fraction, seed)
    after = torch.get_rng_state()
    items = [[int(part[i][0]) for i in range(len(part))] for part in parts]
    return {"parts": items, "rng_before": before, "rng_after": after}


# --- split ---------------------------------------------------------------------------------

@pytest.mark.parametrize("n, val_fraction", [(50, 0.2), (47, 0.3), (30, 0.25)])
def test_split_gives_the_stated_sizes(kata, n, val_fraction):
    parts = kata.probe(split_probe, n, val_fraction, 0)["parts"]
    check_true(len(parts) == 2, f"split(dataset, {val_fraction}, 0) must return (train_set, val_set) "
               f"(got {len(parts)} parts)",
               f"split(dataset, {val_fraction}, 0) 必须返回 (train_set, val_set)（实际得到 {len(parts)} 个部分）")
    n_val = int(n * val_fraction)
    check_equal([len(parts[0]), len(parts[1])], [n - n_val, n_val],
                say(f"[len(train_set), len(val_set)] for split(dataset, {val_fraction}, 0) of {n} samples "
                    f"(validation gets int({n} * {val_fraction}) = {n_val}, rounded down)",
                    f"对 {n} 个样本调用 split(dataset, {val_fraction}, 0) 得到的 [len(train_set), len(val_set)]"
                    f"（验证集有 int({n} * {val_fraction}) = {n_val} 个，向下取整）"))


def test_split_uses_every_sample_exactly_once(kata):
    train, val = kata.probe(split_probe, 47, 0.3, 3)["parts"]
    check_true(sorted(train + val) == list(range(47)),
               "train_set and val_set of split(dataset, 0.3, 3) must hold every sample of the dataset exactly once",
               "split(dataset, 0.3, 3) 返回的 train_set 和 val_set 必须恰好各包含数据集中的每个样本一次（不重不漏）")


def test_same_seed_gives_the_same_split(kata):
    first = kata.probe(split_probe, 50, 0.2, 7)["parts"]
    second = kata.probe(split_probe, 50, 0.2, 7)["parts"]
    check_true(first == second,
               "two calls of split(dataset, 0.2, 7) must give the same train_set and val_set: shuffle with "
               "torch.Generator().manual_seed(seed)",
               "两次调用 split(dataset, 0.2, 7) 必须得到相同的 train_set 和 val_set："
               "请用 torch.Generator().manual_seed(seed) 打乱")


def test_different_seeds_give_different_shuffled_splits(kata):
    a = kata.probe(split_probe, 50, 0.2, 0)["parts"][1]
    b = kata.probe(split_probe, 50, 0.2, 1)["parts"][1]
    check_true(sorted(a) != sorted(b),
               f"split must shuffle with the seed it is given: the validation samples must change with the seed "
               f"(seed 0 gives {a[:5]}..., seed 1 gives {b[:5]}...)",
               f"split 必须用传入的 seed 打乱：验证集的样本要随 seed 变化"
               f"（seed 0 得到 {a[:5]}……，seed 1 得到 {b[:5]}……）")


def test_split_leaves_the_global_random_state_untouched(kata):
    got = kata.probe(split_probe, 50, 0.2, 5)
    with hint("do not call torch.manual_seed(seed): pass generator=torch.Generator().manual_seed(seed) to "
              "random_split, so the rest of the program's randomness is left as it was",
              "不要调用 torch.manual_seed(seed)：把 generator=torch.Generator().manual_seed(seed) 传给 "
              "random_split，这样程序其余部分的随机性才不受影响"):
        check_true(torch.equal(got["rng_before"], got["rng_after"]),
                   "the global random state (torch.get_rng_state()) must be the same after split(dataset, 0.2, 5) "
                   "as before it",
                   "调用 split(dataset, 0.2, 5) 前后的全局随机状态（torch.get_rng_state()）必须相同")


# --- fit_with_early_stopping -----------------------------------------------------------------

CALL = "fit_with_early_stopping(model, optimizer, loss_fn, train_loader, val_loader, max_epochs=30, patience=2)"


def _epochs(calls):
    """The forward passes grouped by epoch: [(training calls, validation calls), ...]; a training
    batch has TRAIN_BATCH samples, a validation batch fewer."""
    epochs = []
    for size, training, grad in calls:
        is_train = size == TRAIN_BATCH
        if is_train and (not epochs or epochs[-1][1]):
            epochs.append(([], []))
        if not epochs:
            epochs.append(([], []))
        epochs[-1][0 if is_train else 1].append((size, training, grad))
    return epochs


def test_fit_returns_an_int_and_a_list_of_floats(kata):
    result = kata.probe(fit_probe, 0, 30, 2)["result"]
    check_true(isinstance(result, (tuple, list)) and len(result) == 2,
               f"{CALL} must return (best_epoch, history) (got {type(result).__name__})",
               f"{CALL} 必须返回 (best_epoch, history)（实际得到 {type(result).__name__}）")
    best_epoch, history = result
    check_true(isinstance(best_epoch, int) and not isinstance(best_epoch, bool),
               f"best_epoch must be a Python int (got {type(best_epoch).__name__})",
               f"best_epoch 必须是 Python int（实际得到 {type(best_epoch).__name__}）")
    kinds = sorted({type(v).__name__ for v in history}) if isinstance(history, (list, tuple)) else []
    check_true(isinstance(history, (list, tuple)) and all(isinstance(v, float) for v in history),
               "history must be a list of Python floats, one validation loss per epoch (use loss.item()) "
               f"(got a {type(history).__name__} of {', '.join(kinds) or '?'})",
               "history 必须是 Python float 的列表，每个 epoch 一个验证损失（请用 loss.item()）"
               f"（实际得到 {type(history).__name__}，元素类型为 {', '.join(kinds) or '?'}）")


def test_validation_sees_every_sample_of_val_loader_after_every_epoch(kata):
    got = kata.probe(fit_probe, 0, 30, 2)
    epochs = _epochs(got["calls"])
    seen = [sum(size for size, _, _ in val) for _, val in epochs]
    with hint("validate on val_loader, not on train_loader: the validation loss must come from data the model "
              "does not train on",
              "要在 val_loader 上验证，而不是在 train_loader 上：验证损失必须来自模型没有训练过的数据"):
        check_true(len(seen) > 0 and all(s == N_VAL for s in seen),
                   f"after every epoch the model must run on the {N_VAL} samples of val_loader "
                   f"(validation samples seen per epoch: {seen})",
                   f"每个 epoch 之后模型都必须在 val_loader 的 {N_VAL} 个样本上运行一遍"
                   f"（每个 epoch 实际验证的样本数：{seen}）")


def test_validation_runs_in_eval_mode(kata):
    epochs = _epochs(kata.probe(fit_probe, 0, 30, 2)["calls"])
    bad = [e for e, (_, val) in enumerate(epochs) if any(training for _, training, _ in val)]
    check_true(not bad,
               f"validation must run in eval mode, with dropout off: call model.eval() before it (the model was "
               f"in training mode while validating after epochs {bad[:5]})",
               f"验证必须在评估模式下进行，关闭 dropout：验证之前请调用 model.eval()（在第 {bad[:5]} 个 epoch 之后"
               "验证时，模型处于训练模式）")


def test_validation_runs_without_recording_gradients(kata):
    epochs = _epochs(kata.probe(fit_probe, 0, 30, 2)["calls"])
    bad = [e for e, (_, val) in enumerate(epochs) if any(grad for _, _, grad in val)]
    check_true(not bad,
               f"validation must run under torch.no_grad(): nothing is backpropagated, so no graph should be "
               f"recorded (gradients were on while validating after epochs {bad[:5]})",
               f"验证必须在 torch.no_grad() 中进行：验证时不做反向传播，不应该记录计算图（在第 {bad[:5]} 个 epoch "
               "之后验证时，梯度记录是开着的）")


def test_training_runs_in_training_mode_every_epoch(kata):
    epochs = _epochs(kata.probe(fit_probe, 0, 30, 2)["calls"])
    bad = [e for e, (train, _) in enumerate(epochs) if not train or not all(training for _, training, _ in train)]
    with hint("validation switched the model to eval mode: call model.train() at the start of every epoch, "
              "inside the loop",
              "验证把模型切换到了评估模式：请在循环内、每个 epoch 开始时调用 model.train()"):
        check_true(not bad,
                   f"every epoch must train on train_loader in training mode (epochs {bad[:5]} did not)",
                   f"每个 epoch 都必须在训练模式下用 train_loader 训练（第 {bad[:5]} 个 epoch 没有做到）")


def test_grad_mode_is_on_again_after_the_call(kata):
    check_equal(kata.probe(fit_probe, 0, 30, 2)["grad_after"], True,
                say(f"torch.is_grad_enabled() after {CALL}, called with gradients on,",
                    f"在开启梯度时调用 {CALL} 之后的 torch.is_grad_enabled()"))


@pytest.mark.parametrize("patience", [2, 3, 1])
def test_training_stops_after_patience_epochs_without_improvement(kata, ref, patience):
    history = kata.probe(fit_probe, 0, 30, patience)["result"][1]
    expected = _expected(ref, 0, 30, patience)["result"][1]
    best = expected.index(min(expected))
    with hint(f"stop when epoch - best_epoch reaches patience: here the best epoch is {best}, so the run must end "
              f"after epoch {best + patience}, having run {best + patience + 1} epochs",
              f"当 epoch - best_epoch 达到 patience 时停止：这里最好的 epoch 是 {best}，所以训练应在第 "
              f"{best + patience} 个 epoch 之后结束，共运行 {best + patience + 1} 个 epoch"):
        check_equal(len(history), len(expected),
                    say(f"the number of epochs run (len(history)) with patience={patience}",
                        f"patience={patience} 时运行的 epoch 数（len(history)）"))


def test_history_holds_the_mean_validation_loss_of_every_epoch(kata, ref):
    history = kata.probe(fit_probe, 0, 30, 3)["result"][1]
    expected = _expected(ref, 0, 30, 3)["result"][1]
    check_true(isinstance(history, (list, tuple)), f"history must be a list (got {type(history).__name__})",
               f"history 必须是列表（实际得到 {type(history).__name__}）")
    for epoch, want in enumerate(expected[: len(history)]):
        check_number(history[epoch], want,
                     say(f"history[{epoch}], the mean of loss_fn over val_loader's batches after epoch {epoch}",
                         f"history[{epoch}]，即第 {epoch} 个 epoch 之后 loss_fn 在 val_loader 各批量上的平均值"),
                     atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize("patience", [3, 1])
def test_best_epoch_is_the_epoch_of_the_lowest_validation_loss(kata, ref, patience):
    best_epoch = kata.probe(fit_probe, 0, 30, patience)["result"][0]
    expected = _expected(ref, 0, 30, patience)["result"][0]
    check_equal(best_epoch, expected,
                say(f"best_epoch (counting from 0) with patience={patience}",
                    f"patience={patience} 时的 best_epoch（从 0 开始数）"))


@pytest.mark.parametrize("patience", [2, 3])
def test_model_ends_with_the_best_epochs_weights(kata, ref, patience):
    state = kata.probe(fit_probe, 0, 30, patience)["state"]
    expected = _expected(ref, 0, 30, patience)
    best = expected["result"][0]
    for name, want in expected["state"].items():
        with hint("keep copy.deepcopy(model.state_dict()) at every improvement (state_dict() alone holds the live "
                  "tensors, which training keeps changing) and load it back with model.load_state_dict(...) "
                  "before returning",
                  "每次改进时保存 copy.deepcopy(model.state_dict())（单独的 state_dict() 里是正在使用的张量，"
                  "训练会不断改变它们），返回之前再用 model.load_state_dict(...) 加载回去"):
            check_tensor(state.get(name), want,
                         say(f"model.state_dict()[{name!r}] after the call with patience={patience} (the weights "
                             f"the model had after its best epoch, {best})",
                             f"patience={patience} 时调用之后的 model.state_dict()[{name!r}]"
                             f"（应为模型在最好的 epoch，即第 {best} 个 epoch 之后的权重）"),
                         atol=1e-6, rtol=1e-5)


def test_best_weights_are_restored_when_max_epochs_runs_out(kata, ref):
    got = kata.probe(fit_probe, 4, 12, 3)
    expected = _expected(ref, 4, 12, 3)
    best = expected["result"][0]
    for name, want in expected["state"].items():
        with hint("load the best weights back after the loop, however it ends: not only when patience runs out",
                  "无论循环怎样结束都要把最好的权重加载回去，而不是只在 patience 用完时才加载"):
            check_tensor(got["state"].get(name), want,
                         say(f"model.state_dict()[{name!r}] after max_epochs=12 epochs without early stopping (the "
                             f"weights the model had after its best epoch, {best})",
                             f"训练满 max_epochs=12 个 epoch（没有提前停止）之后的 model.state_dict()[{name!r}]"
                             f"（应为模型在最好的 epoch，即第 {best} 个 epoch 之后的权重）"),
                         atol=1e-6, rtol=1e-5)
