"""Hidden-reference tests for ch05 · ex06 — fix: evaluation in training mode."""

import torch
from torch import nn

from grader.checks import check_equal, check_number, check_tensor, check_true, hint, say


def _setup(seed):
    """A seeded model with batch norm and dropout, and labelled batches."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 3))
    with torch.no_grad():  # running statistics that differ from any batch's own statistics
        model[1].running_mean.copy_(torch.randn(16, generator=g))
        model[1].running_var.copy_(torch.rand(16, generator=g) + 0.5)
    batches = [(torch.randn(n, 6, generator=g), torch.randint(0, 3, (n,), generator=g)) for n in (5, 8, 4)]
    return model, batches


def evaluate_probe(mod, seed, calls=1, training=True):
    """In the worker: evaluate `calls` times; report outputs, mode and the state afterwards."""
    torch.set_grad_enabled(True)  # as a training script has it, whatever an earlier call left
    model, batches = _setup(seed)
    model.train(training)
    grad_enabled = []
    model.register_forward_hook(lambda m, i, o: grad_enabled.append(torch.is_grad_enabled()))
    results = [mod.evaluate(model, batches) for _ in range(calls)]
    grad_enabled_after = torch.is_grad_enabled()
    torch.set_grad_enabled(True)
    return {
        "results": results,
        "grad_enabled": grad_enabled,
        "grad_enabled_after": grad_enabled_after,
        "training_after": model.training,
        "state_after": model.state_dict(),
    }


def test_two_calls_give_the_same_logits(kata):
    results = kata.probe(evaluate_probe, 0, calls=2)["results"]
    with hint("dropout is still active: call model.eval() before the forward passes",
              "dropout 仍在生效：请在前向传播之前调用 model.eval()"):
        check_tensor(results[1][1], results[0][1], say("the logits of a second evaluate(model, batches), "
                                                       "compared with the first,",
                                                       "第二次调用 evaluate(model, batches) 的 logits（与第一次比较）"))


def test_logits_are_those_of_the_model_in_eval_mode(kata, ref):
    got = kata.probe(evaluate_probe, 1)["results"][0]
    expected = evaluate_probe(ref, 1)["results"][0]
    check_true(isinstance(got, tuple) and len(got) == 2,
               f"evaluate(model, batches) must return (accuracy, logits) (got {type(got).__name__})",
               f"evaluate(model, batches) 必须返回 (accuracy, logits)（实际得到 {type(got).__name__}）")
    with hint("in eval mode, batch norm uses its running statistics and dropout is off: model.eval()",
              "eval 模式下 batch norm 使用 running 统计量，dropout 关闭：请调用 model.eval()"):
        check_tensor(got[1], expected[1], say("the logits returned by evaluate(model, batches)",
                                              "evaluate(model, batches) 返回的 logits"))


def test_accuracy_matches_reference(kata, ref):
    got = kata.probe(evaluate_probe, 2)["results"][0]
    expected = evaluate_probe(ref, 2)["results"][0]
    check_number(got[0], expected[0], say("the accuracy returned by evaluate(model, batches)",
                                          "evaluate(model, batches) 返回的 accuracy"))


def test_logits_do_not_require_grad(kata):
    logits = kata.probe(evaluate_probe, 3)["results"][0][1]
    check_true(isinstance(logits, torch.Tensor),
               f"evaluate(model, batches)[1] must be a tensor (got {logits!r})",
               f"evaluate(model, batches)[1] 必须是张量（实际得到 {logits!r}）")
    check_true(not logits.requires_grad, "the logits returned by evaluate(model, batches) must not require "
               "grad (run the model under torch.no_grad())",
               "evaluate(model, batches) 返回的 logits 不应该 requires_grad（请在 torch.no_grad() 下运行模型）")


def test_forward_runs_with_gradients_off(kata):
    enabled = kata.probe(evaluate_probe, 4)["grad_enabled"]
    check_true(len(enabled) == 3,
               f"evaluate must run the model once per batch (3 batches, {len(enabled)} runs)",
               f"evaluate 必须对每个 batch 运行一次模型（3 个 batch，实际运行了 {len(enabled)} 次）")
    check_true(not any(enabled), "the model ran with gradient recording on: wrap the forward passes in "
               "`with torch.no_grad():` (a .detach() afterwards still builds the graph first)",
               "模型运行时开着梯度记录：请把前向传播放进 `with torch.no_grad():`"
               "（事后再 .detach() 仍然会先构建计算图）")


def test_gradient_recording_is_on_again_after_the_call(kata):
    with hint("switch gradients off only around the forward passes, with `with torch.no_grad():`; "
              "torch.set_grad_enabled(False) on its own stays off after evaluate returns",
              "只在前向传播期间关闭梯度，用 `with torch.no_grad():`；"
              "单独调用 torch.set_grad_enabled(False) 的话，evaluate 返回之后梯度记录仍是关着的"):
        check_equal(kata.probe(evaluate_probe, 8)["grad_enabled_after"], True,
                    say("torch.is_grad_enabled() after evaluate(model, batches), called with gradients on,",
                        "在开启梯度时调用 evaluate(model, batches) 之后的 torch.is_grad_enabled()"))


def test_batch_norm_statistics_are_unchanged(kata):
    got = kata.probe(evaluate_probe, 5)
    before = _setup(5)[0].state_dict()  # the same seeded model, built here in the judge
    for name, value in before.items():
        with hint("evaluation must not change the model; in training mode batch norm updates its "
                  "running statistics on every forward pass",
                  "评估不能改变模型；在训练模式下，batch norm 每次前向传播都会更新 running 统计量"):
            check_tensor(got["state_after"][name], value,
                         say(f"model.state_dict()[{name!r}] after evaluate(model, batches)",
                             f"evaluate(model, batches) 之后的 model.state_dict()[{name!r}]"))


def test_training_mode_is_restored(kata):
    with hint("remember model.training first, then give it back with model.train(was_training)",
              "先记下 model.training，结束时再用 model.train(was_training) 恢复"):
        check_equal(kata.probe(evaluate_probe, 6, training=True)["training_after"], True,
                    say("model.training after evaluate(model, batches) on a model in training mode",
                        "对训练模式的模型调用 evaluate(model, batches) 之后的 model.training"))


def test_eval_mode_is_kept(kata):
    with hint("restore the mode the model came in: model.train(was_training), not model.train()",
              "恢复模型传进来时的模式：用 model.train(was_training)，而不是 model.train()"):
        check_equal(kata.probe(evaluate_probe, 7, training=False)["training_after"], False,
                    say("model.training after evaluate(model, batches) on a model already in eval mode",
                        "对已处于 eval 模式的模型调用 evaluate(model, batches) 之后的 model.training"))
