"""Hidden-reference tests for ch04 · ex10 — predictions with probabilities."""

import pytest
import torch
from torch import nn

from grader import probes
from grader.checks import check_tensor, check_true, say

CLASSES = {3: ["cat", "dog", "bird"], 4: ["ant", "bee", "cow", "dog"], 5: ["one", "two", "three", "four", "five"]}


class Classifier(nn.Module):
    """A small classifier with dropout, so predicting in training mode gives other numbers."""

    def __init__(self, n_in, n_classes):
        super().__init__()
        self.fc1 = nn.Linear(n_in, 16)
        self.drop = nn.Dropout(0.5)
        self.fc2 = nn.Linear(16, n_classes)

    def forward(self, x):
        return self.fc2(self.drop(torch.relu(self.fc1(x)))) * 3  # spread the logits out


def build(n_in, n_classes):
    torch.manual_seed(0)
    return Classifier(n_in, n_classes)


# -- probes (run in the worker with the learner's module) ------------------------------


def predict_probe(mod, n_in, n_classes, x, mode):
    """predict on a new Classifier in `mode`: what it returns, and the state it leaves behind."""
    model = build(n_in, n_classes)
    model.train(mode == "train")
    grad_modes = []
    model.register_forward_hook(lambda module, args, out: grad_modes.append(torch.is_grad_enabled()))
    torch.manual_seed(1)
    try:
        got = mod.predict(model, x, list(CLASSES[n_classes]))
        seen = {"got": got, "training": model.training, "grad_on": torch.is_grad_enabled(), "grad_modes": grad_modes,
                "requires_grad": getattr(got[1], "requires_grad", False) if isinstance(got, tuple) and got else False}
    finally:
        torch.set_grad_enabled(True)
    return seen


# -- helpers (judge) -------------------------------------------------------------------------


def expected(ref, n_in, n_classes, x):
    """The reference's answer, on the same model in eval mode."""
    model = build(n_in, n_classes)
    return ref.predict(model, x, list(CLASSES[n_classes]))


def call(n_classes, x, mode):
    return f"predict(model in {mode} mode, x of shape {tuple(x.shape)}, {CLASSES[n_classes]})"


def call_zh(n_classes, x, mode):
    m = "训练" if mode == "train" else "评估"
    return f"predict(处于{m}模式的 model, 形状为 {tuple(x.shape)} 的 x, {CLASSES[n_classes]})"


def run(kata, n_in, n_classes, batch, mode="eval", seed=0):
    x = probes.randn(batch, n_in, seed=seed)
    seen = kata.probe(predict_probe, n_in, n_classes, x, mode)
    got = seen["got"]
    check_true(isinstance(got, tuple) and len(got) == 2, f"{call(n_classes, x, mode)} must return a pair "
               f"(names, probs) (got {type(got).__name__})",
               f"{call_zh(n_classes, x, mode)} 必须返回二元组 (names, probs)（实际得到 {type(got).__name__}）")
    return seen, x


CASES = [(6, 4, 4), (5, 3, 3), (7, 5, 5), (6, 3, 8)]  # (n_in, n_classes, batch): mostly batch == n_classes


# -- what it returns ---------------------------------------------------------------------------


@pytest.mark.parametrize(("n_in", "n_classes", "batch"), CASES)
def test_names_are_the_predicted_class_names(kata, ref, n_in, n_classes, batch):
    seen, x = run(kata, n_in, n_classes, batch)
    names = seen["got"][0]
    check_true(isinstance(names, list) and all(isinstance(n, str) for n in names),
               f"the names returned by {call(n_classes, x, 'eval')} must be a list of class names (strings) "
               f"(got {names!r}): return classes[i], not the index i",
               f"{call_zh(n_classes, x, 'eval')} 返回的 names 必须是由类别名（字符串）组成的列表"
               f"（实际为 {names!r}）：请返回 classes[i]，而不是下标 i")
    want = expected(ref, n_in, n_classes, x)[0]
    check_true(names == want, f"the names returned by {call(n_classes, x, 'eval')} must be {want} (got {names}): "
               "take the highest score of each sample, over dim=1",
               f"{call_zh(n_classes, x, 'eval')} 返回的 names 应为 {want}（实际为 {names}）："
               "对每个样本取得分最高的类别，沿 dim=1")


@pytest.mark.parametrize(("n_in", "n_classes", "batch"), CASES)
def test_probs_are_the_softmax_probabilities_of_the_predicted_classes(kata, ref, n_in, n_classes, batch):
    seen, x = run(kata, n_in, n_classes, batch, seed=10 + batch)
    check_tensor(seen["got"][1], expected(ref, n_in, n_classes, x)[1],
                 say(f"the probs returned by {call(n_classes, x, 'eval')} (the softmax over the classes, dim=1, "
                     "of each sample's logits, taken at the predicted class)",
                     f"{call_zh(n_classes, x, 'eval')} 返回的 probs（每个样本的 logits 沿类别维度 dim=1 做 softmax 后，"
                     "预测类别对应的概率）"))


def test_probs_do_not_require_grad(kata):
    seen, x = run(kata, 6, 4, 4, seed=3)
    check_true(not seen["grad_modes"] or not any(seen["grad_modes"]),
               f"{call(4, x, 'eval')} must run the model without grad (grad mode was on during the forward pass): "
               "use `with torch.no_grad():`",
               f"{call_zh(4, x, 'eval')} 运行模型时不应计算梯度（前向传播时梯度计算是开启的）："
               "请使用 `with torch.no_grad():`")
    check_true(not seen["requires_grad"], f"the probs returned by {call(4, x, 'eval')} must not require grad",
               f"{call_zh(4, x, 'eval')} 返回的 probs 不应需要梯度")


# -- modes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n_in", "n_classes", "batch"), CASES[:2])
def test_a_model_in_training_mode_predicts_as_in_eval_mode(kata, ref, n_in, n_classes, batch):
    seen, x = run(kata, n_in, n_classes, batch, "train", seed=20 + batch)
    names, probs = seen["got"]
    want_names, want_probs = expected(ref, n_in, n_classes, x)
    check_tensor(probs, want_probs,
                 say(f"the probs returned by {call(n_classes, x, 'train')} (predict must switch the model to eval "
                     "mode, so that its dropout is off)",
                     f"{call_zh(n_classes, x, 'train')} 返回的 probs"
                     "（predict 必须把模型切换到评估模式，关闭 dropout）"))
    check_true(names == want_names, f"the names returned by {call(n_classes, x, 'train')} must be {want_names} "
               f"(got {names})", f"{call_zh(n_classes, x, 'train')} 返回的 names 应为 {want_names}（实际为 {names}）")


def test_a_model_in_training_mode_is_left_in_training_mode(kata):
    seen, x = run(kata, 6, 4, 4, "train", seed=30)
    check_true(seen["training"], f"after {call(4, x, 'train')} the model must be back in training mode "
               "(it was left in eval mode): remember model.training and restore it",
               f"{call_zh(4, x, 'train')} 之后，模型必须回到训练模式（实际被留在了评估模式）："
               "先记下 model.training，最后再恢复")


def test_a_model_in_eval_mode_is_left_in_eval_mode(kata):
    seen, x = run(kata, 6, 4, 4, "eval", seed=31)
    check_true(not seen["training"], f"after {call(4, x, 'eval')} the model must still be in eval mode "
               "(it was switched to training mode): restore the mode it came in, not always training",
               f"{call_zh(4, x, 'eval')} 之后，模型必须仍处于评估模式（实际被切换成了训练模式）："
               "应恢复传入时的模式，而不是一律改成训练模式")


@pytest.mark.parametrize("mode", ["train", "eval"])
def test_grad_mode_is_on_afterwards(kata, mode):
    seen, x = run(kata, 5, 3, 3, mode, seed=40)
    check_true(seen["grad_on"], f"after {call(3, x, mode)} grad mode must be on again (it was left off): "
               "use `with torch.no_grad():` rather than torch.set_grad_enabled(False)",
               f"{call_zh(3, x, mode)} 之后梯度计算必须重新开启（实际被留在了关闭状态）："
               "请用 `with torch.no_grad():`，而不是 torch.set_grad_enabled(False)")

