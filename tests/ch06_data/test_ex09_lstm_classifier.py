"""Hidden-reference tests for ch06 · ex09 — Embedding + LSTM over padded batches.

Most tests build the reference model with a fixed seed and load its weights into the
learner's model (by the layer names the goal gives), so both compute with the same numbers.
"""

import pytest
import torch

from grader.checks import check_equal, check_tensor, check_true, say

CONFIGS = [(20, 8, 12, 3), (15, 6, 10, 5)]  # (vocab_size, embed_dim, hidden_size, num_classes)


def call_text(sizes):
    vocab_size, embed_dim, hidden_size, num_classes = sizes
    return (f"LSTMClassifier(vocab_size={vocab_size}, embed_dim={embed_dim}, hidden_size={hidden_size}, "
            f"num_classes={num_classes})")


def sequences(lengths, vocab_size, seed):
    """Token sequences of the given lengths; ids start at 1, so 0 is only ever padding."""
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(1, vocab_size, (n,), generator=g) for n in lengths]


def pad(seqs, total=None):
    """(padded (B, T), lengths (B,)), padded with 0 up to `total` steps (the longest by default)."""
    total = total or max(len(s) for s in seqs)
    padded = torch.zeros(len(seqs), total, dtype=torch.int64)
    for i, s in enumerate(seqs):
        padded[i, : len(s)] = s
    return padded, torch.tensor([len(s) for s in seqs])


def reference_state(ref, sizes, seed=0):
    torch.manual_seed(seed)
    return ref.LSTMClassifier(*sizes).state_dict()


def reference_logits(ref, sizes, batch, seed=0):
    torch.manual_seed(seed)
    with torch.no_grad():
        return ref.LSTMClassifier(*sizes)(*batch)


# -- probes (run in the worker with the learner's module) ------------------------------


def state_shapes_probe(mod, sizes):
    return {name: tuple(t.shape) for name, t in mod.LSTMClassifier(*sizes).state_dict().items()}


def logits_probe(mod, sizes, state, batches):
    """The learner's model with the reference weights, on each (padded, lengths) batch."""
    model = mod.LSTMClassifier(*sizes)
    model.load_state_dict(state)
    with torch.no_grad():
        return [model(padded, lengths) for padded, lengths in batches]


def padding_row_probe(mod, sizes):
    """The embedding's row for the padding id 0, and its gradient after a backward pass."""
    torch.manual_seed(0)
    model = mod.LSTMClassifier(*sizes)
    model.embedding(torch.tensor([[0, 3, 0, 5]])).sum().backward()
    return model.embedding.weight[0].detach(), model.embedding.weight.grad[0]


# -- helpers in the judge -------------------------------------------------------------------


def run(kata, ref, sizes, batches):
    """The learner's logits for each batch, with the reference weights, checked for type and shape."""
    got = kata.probe(logits_probe, sizes, reference_state(ref, sizes), batches)
    for logits, (padded, _) in zip(got, batches, strict=True):
        shape = (len(padded), sizes[3])
        what = say(f"{call_text(sizes)}(padded, lengths) for padded of shape {tuple(padded.shape)}",
                   f"padded 形状为 {tuple(padded.shape)} 时的 {call_text(sizes)}(padded, lengths)")
        check_true(isinstance(logits, torch.Tensor),
                   f"{what} must return a tensor (got {type(logits).__name__})",
                   f"{what} 必须返回张量（实际得到 {type(logits).__name__}）")
        check_true(logits.shape == shape and logits.dtype == torch.float32,
                   f"{what} must be float32 logits of shape (batch, num_classes) = {shape} "
                   f"(got {logits.dtype} of shape {tuple(logits.shape)})",
                   f"{what} 必须是形状为 (batch, num_classes) = {shape} 的 float32 logits"
                   f"（实际为形状 {tuple(logits.shape)} 的 {logits.dtype}）")
    return got


# -- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", CONFIGS)
def test_layers_are_embedding_lstm_and_head(kata, ref, sizes):
    got = kata.probe(state_shapes_probe, sizes)
    expected = {name: tuple(t.shape) for name, t in reference_state(ref, sizes).items()}
    check_equal(sorted(got), sorted(expected),
                say(f"the parameter names of {call_text(sizes)} (layers self.embedding, self.lstm with one layer, "
                    f"self.head)",
                    f"{call_text(sizes)} 的参数名（层为 self.embedding、单层的 self.lstm、self.head）"))
    for name in expected:
        check_equal(got[name], expected[name], say(f"the shape of {name}", f"{name} 的形状"))


@pytest.mark.parametrize("sizes,lengths", [(CONFIGS[0], [5, 2, 7]), (CONFIGS[1], [3, 9, 1, 4, 6])])
def test_logits_have_shape_batch_by_classes(kata, ref, sizes, lengths):
    run(kata, ref, sizes, [pad(sequences(lengths, sizes[0], seed=1))])


@pytest.mark.parametrize("sizes", CONFIGS)
def test_each_sequence_in_the_batch_is_read_on_its_own(kata, ref, sizes):
    seqs = sequences([6, 6, 6], sizes[0], seed=2)
    changed = [sequences([6], sizes[0], seed=3)[0], *seqs[1:]]  # only row 0 differs
    got = run(kata, ref, sizes, [pad(seqs), pad(changed)])
    check_tensor(got[1][1:], got[0][1:],
                 say("the logits of rows 1 and 2 after changing only the tokens of row 0 (each row is one sequence: "
                     "the LSTM must run along the time axis, batch_first=True for a (B, T) batch)",
                     "只改动第 0 行的词元后，第 1、2 行的 logits（每一行是一条序列：LSTM 必须沿时间轴运行，"
                     "(B, T) 的批量要用 batch_first=True）"), atol=1e-5)


@pytest.mark.parametrize("sizes", CONFIGS)
def test_without_padding_uses_the_output_at_the_last_step(kata, ref, sizes):
    batch = pad(sequences([7, 7, 7, 7], sizes[0], seed=4))
    got = run(kata, ref, sizes, [batch])[0]
    check_tensor(got, reference_logits(ref, sizes, batch),
                 say("the logits for a batch of 4 sequences of length 7 (no padding), from the LSTM output at the "
                     "last time step through self.head, with no activation",
                     "4 条长度都为 7 的序列（没有填充）的 logits：取 LSTM 在最后一个时间步的输出，经过 self.head，"
                     "不加激活函数"), atol=1e-5)


@pytest.mark.parametrize("extra", [1, 4])
def test_more_padding_gives_the_same_logits(kata, ref, extra):
    sizes = CONFIGS[0]
    seqs = sequences([4, 6, 2], sizes[0], seed=6)
    got = run(kata, ref, sizes, [pad(seqs), pad(seqs, total=6 + extra)])
    check_tensor(got[1], got[0],
                 say(f"the logits with {extra} more padding step(s) after every sequence, which must equal those "
                     f"without (use each sequence's output at step lengths[i] - 1, not at the last padded step)",
                     f"每条序列后面多补 {extra} 步后的 logits，它必须与不多补时相同"
                     f"（取每条序列在第 lengths[i] - 1 步的输出，而不是最后一个填充步的输出）"), atol=1e-5)


def test_a_sequence_gets_the_same_logits_alone_and_in_a_batch(kata, ref):
    sizes = CONFIGS[1]
    seqs = sequences([3, 8, 5, 1], sizes[0], seed=7)
    got = run(kata, ref, sizes, [pad(seqs)] + [pad([s]) for s in seqs])
    for i, s in enumerate(seqs):
        check_tensor(got[0][i], got[1 + i][0],
                     say(f"the logits of sequence {i} (length {len(s)}) in a batch padded to length 8, which must "
                         f"equal its logits alone, without padding",
                         f"序列 {i}（长度 {len(s)}）在补零到长度 8 的批量中的 logits，它必须与单独输入（不补零）"
                         f"时的 logits 相同"), atol=1e-5)


def test_padding_embedding_is_zero_and_gets_no_gradient(kata):
    row, grad = kata.probe(padding_row_probe, CONFIGS[0])
    check_tensor(row, torch.zeros(CONFIGS[0][1]),
                 say("self.embedding.weight[0], the vector of the padding id 0 (nn.Embedding(..., padding_idx=0))",
                     "self.embedding.weight[0]，即填充 id 0 的向量（nn.Embedding(..., padding_idx=0)）"))
    check_tensor(grad, torch.zeros(CONFIGS[0][1]),
                 say("the gradient of self.embedding.weight[0] after a backward pass (the padding vector must not "
                     "be trained)",
                     "反向传播后 self.embedding.weight[0] 的梯度（填充向量不能被训练）"))


@pytest.mark.parametrize("sizes,lengths", [(CONFIGS[0], [5, 2, 7]), (CONFIGS[1], [3, 9, 1, 4, 6])])
def test_matches_the_reference_with_the_same_weights(kata, ref, sizes, lengths):
    batch = pad(sequences(lengths, sizes[0], seed=5))
    got = run(kata, ref, sizes, [batch])[0]
    check_tensor(got, reference_logits(ref, sizes, batch),
                 say(f"the logits for sequences of lengths {lengths}, with the reference weights loaded",
                     f"长度为 {lengths} 的序列在加载参考权重后得到的 logits"), atol=1e-5)
