"""Hidden-reference tests for ch09 · ex11 — training accuracy reported as the model's accuracy."""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from grader import probes
from grader.checks import check_number, check_tensor, check_true, say

TRAIN_BATCH, TEST_BATCH = 16, 50  # different sizes tell training and test forward passes apart
EPOCHS, LR = 5, 0.1
CALL = "train_and_evaluate(model, train_loader, test_loader, 5, 0.1)"


def _data():
    """Training labels from a linear teacher; 30% of the test labels flipped, so that the
    accuracy on the test set is well below the one on the training set."""
    teacher = probes.randn(6, 3, seed=11)
    x_train, x_test = probes.randn(96, 6, seed=12), probes.randn(150, 6, seed=13)
    y_train, y_test = (x_train @ teacher).argmax(dim=1), (x_test @ teacher).argmax(dim=1)
    flip = torch.rand(150, generator=torch.Generator().manual_seed(14)) < 0.3
    y_test = torch.where(flip, (y_test + 1) % 3, y_test)
    return x_train, y_train, x_test, y_test


def _setup(x_train, y_train, x_test, y_test):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 3))
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=TRAIN_BATCH, shuffle=True,
                              generator=torch.Generator().manual_seed(1))
    test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=TEST_BATCH,
                             generator=torch.Generator().manual_seed(2))
    return model, train_loader, test_loader


def run_probe(mod, x_train, y_train, x_test, y_test):
    """In the worker: train, and record every forward pass (batch size, train mode, grad mode)."""
    model, train_loader, test_loader = _setup(x_train, y_train, x_test, y_test)
    passes = []
    model.register_forward_hook(lambda m, args, out: passes.append(
        [len(args[0]), m.training, torch.is_grad_enabled()]))
    torch.set_grad_enabled(True)
    accuracy = mod.train_and_evaluate(model, train_loader, test_loader, EPOCHS, LR)
    return {"accuracy": accuracy, "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
            "passes": passes, "grad_after": torch.is_grad_enabled()}


def _run(kata):
    return kata.probe(run_probe, *_data())


def _test_accuracy(state):
    """The accuracy of a trained state on the test set, in eval mode."""
    _, _, x_test, y_test = _data()
    model = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 3))
    model.load_state_dict(state)
    model.eval()
    with torch.no_grad():
        return (model(x_test).argmax(dim=1) == y_test).float().mean().item()


def _check_runs_on_test_batches(test_passes):
    check_true(len(test_passes) > 0,
               f"{CALL} must run the model on the batches of test_loader (it never did)",
               f"{CALL} 必须用模型跑一遍 test_loader 的批量（实际一次也没有跑）")


def test_training_is_left_as_it_was(kata, ref):
    model, train_loader, test_loader = _setup(*_data())
    ref.train_and_evaluate(model, train_loader, test_loader, EPOCHS, LR)
    got = _run(kata)["state"]
    for name, expected in model.state_dict().items():
        check_tensor(got.get(name), expected, say(f"the trained model's {name} after {CALL}",
                                                  f"{CALL} 之后训练好的模型的 {name}"), atol=1e-4)


def test_returns_the_trained_models_accuracy_on_the_test_set(kata):
    got = _run(kata)
    check_number(got["accuracy"], _test_accuracy(got["state"]),
                 say(f"{CALL}, compared with the trained model's accuracy on test_loader in eval mode",
                     f"{CALL}（与训练好的模型在 eval 模式下于 test_loader 上的准确率比较）"))


def test_evaluates_every_test_sample_after_training(kata):
    passes = _run(kata)["passes"]
    last_training = max((i for i, (n, _, _) in enumerate(passes) if n == TRAIN_BATCH), default=-1)
    after = sum(n for n, _, _ in passes[last_training + 1:] if n == TEST_BATCH)
    check_true(after >= 150,
               f"{CALL} must run the trained model on all 150 test samples after the last training step "
               f"(it ran it on {after} of them then): the accuracy counted during training is measured on the "
               "training batches while the weights still change",
               f"{CALL} 必须在最后一步训练之后，用训练好的模型跑完全部 150 个测试样本（那之后只跑了 {after} 个）："
               "训练中统计的准确率是在训练批量上、权重还在变化时测出来的")


def test_evaluates_in_eval_mode(kata):
    passes = _run(kata)["passes"]
    test_passes = [training for n, training, _ in passes if n == TEST_BATCH]
    _check_runs_on_test_batches(test_passes)
    check_true(not any(test_passes),
               f"{CALL} must run the model in eval mode on the test batches ({sum(test_passes)} of "
               f"{len(test_passes)} of them ran in training mode): call model.eval() first, or dropout stays on",
               f"{CALL} 在测试批量上必须以 eval 模式运行模型（{len(test_passes)} 个测试批量中有 {sum(test_passes)} "
               "个是在训练模式下跑的）：要先调用 model.eval()，否则 dropout 一直开着")


def test_evaluates_without_building_a_graph(kata):
    passes = _run(kata)["passes"]
    test_passes = [grad for n, _, grad in passes if n == TEST_BATCH]
    _check_runs_on_test_batches(test_passes)
    check_true(not any(test_passes),
               f"{CALL} must run the model under torch.no_grad() on the test batches (grad mode was on for "
               f"{sum(test_passes)} of {len(test_passes)}): evaluation never calls backward",
               f"{CALL} 在测试批量上必须在 torch.no_grad() 中运行模型（{len(test_passes)} 个测试批量中有 "
               f"{sum(test_passes)} 个开着梯度模式）：评估时从不调用 backward")


def test_leaves_grad_mode_on(kata):
    got = _run(kata)["grad_after"]
    check_true(got is True,
               f"{CALL} must leave grad mode on for the rest of the program (afterwards torch.is_grad_enabled() "
               f"is {got}): use `with torch.no_grad():` instead of torch.set_grad_enabled(False)",
               f"{CALL} 必须让程序其余部分的梯度模式保持打开（调用后 torch.is_grad_enabled() 为 {got}）："
               "请用 `with torch.no_grad():`，而不是 torch.set_grad_enabled(False)")
