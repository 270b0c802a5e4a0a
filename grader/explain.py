"""Torch's own error messages, explained in one plain sentence.

When a learner's code raises, the learner reads torch's text first, and torch speaks to
people who already know it: "mat1 and mat2 shapes cannot be multiplied (4x3 and 10x5)".
A beginner meets the same dozen of these in the first weeks. For each, this table holds a
pattern of torch's wording (today's, and torch 2.2's where it differs) and one sentence in
English and Chinese that says what went wrong and the usual fix, with the sizes, dtypes
and devices the message names filled in from the pattern's named groups.

The first pattern that matches wins, so a precise wording comes before a looser one. The
judge adds the sentence under torch's text (`sandbox/client.py`), so every report has it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Explanation", "EXPLANATIONS", "explain"]


class Explanation(NamedTuple):
    """One of torch's errors and what it means."""

    pattern: re.Pattern[str]  #: torch's wording; its named groups fill the sentences
    en: str  #: the sentence in English
    zh: str  #: the same in Chinese


def _entry(pattern: str, en: str, zh: str) -> Explanation:
    return Explanation(re.compile(pattern), en, zh)


_DEVICE_EN = ("some tensors are on {a} and others on {b}, and one operation needs them all on the same device: "
              "move the model and its inputs together, model.to(device) and x = x.to(device).")
_DEVICE_ZH = ("一部分张量在 {a} 上，另一部分在 {b} 上，而同一个运算要求所有张量在同一个设备上："
              "用 model.to(device) 和 x = x.to(device) 把模型和数据放到同一个设备上。")
_DTYPES_EN = ("two tensors of different dtypes met ({a} and {b}), and torch does not convert them for you: "
              "convert one with .float() (NumPy arrays become float64, that is Double: "
              "torch.from_numpy(a).float()) or .long() for class labels.")
_DTYPES_ZH = ("两个 dtype 不同的张量（{a} 和 {b}）碰到了一起，torch 不会自动帮你转换：用 .float() 转换其中一个"
              "（NumPy 数组默认是 float64，也就是 Double，可以写 torch.from_numpy(a).float()），类别标签则用 .long()。")

EXPLANATIONS: tuple[Explanation, ...] = (
    # -- autograd ---------------------------------------------------------------------------
    _entry(r"element 0 of tensors does not require grad and does not have a grad_fn",
           "backward() was called on a tensor that is not part of any autograd graph: create the inputs "
           "with requires_grad=True, and check that nothing cut the graph on the way "
           "(.detach(), .item(), .numpy(), torch.no_grad(), or a new torch.tensor(...) built from values).",
           "对一个不在计算图里的张量调用了 backward()：创建输入时要加 requires_grad=True，并检查中途有没有把计算图切断"
           "（.detach()、.item()、.numpy()、torch.no_grad()，或者用 torch.tensor(...) 把数值重新包成了新张量）。"),
    _entry(r"grad can be implicitly created only for scalar outputs",
           "backward() with no argument needs a single number, but this tensor holds several: reduce it first, "
           "loss.mean().backward() or loss.sum().backward(), or pass gradient= a tensor of the same shape.",
           "不带参数的 backward() 只能用在单个数（标量）上，而这个张量有多个元素：先把它归约成一个数，"
           "比如 loss.mean().backward() 或 loss.sum().backward()，或者传入形状相同的 gradient= 张量。"),
    _entry(r"Trying to backward through the graph a second time",
           "backward() went through the same graph twice, but the first backward() freed the values it saved: "
           "run the forward pass again for every step (a loss added up across iterations is the usual cause: "
           "add loss.item(), not loss), or pass retain_graph=True if you really need a second backward().",
           "同一个计算图被 backward() 了两次，而第一次 backward() 已经释放了它保存的中间值："
           "每一步都重新做一次前向计算（常见原因是跨迭代累加了 loss：应该累加 loss.item() 而不是 loss），"
           "确实需要第二次反向传播时再传 retain_graph=True。"),
    _entry(r"a leaf Variable that requires grad is being used in an in-place operation",
           "a parameter (a leaf tensor with requires_grad=True) was changed in place, e.g. w -= lr * w.grad, "
           "while autograd was recording: do the update inside `with torch.no_grad():`, "
           "write w = w - ... instead, or let an optimizer do it.",
           "在自动求导记录计算的时候原地修改了参数（requires_grad=True 的叶子节点），比如 w -= lr * w.grad："
           "把更新写在 `with torch.no_grad():` 里面，或者改成 w = w - ...，或者交给优化器去做。"),
    _entry(r"modified by an inplace operation: \[(?P<type>[\w.]+) \[(?P<shape>[\d, ]*)\]\], "
           r"which is output \d+ of (?P<op>\w+?)(?:Backward\d*)?,",  # torch 2.2 says SigmoidBackward0
           "the output of {op} (shape [{shape}]) was saved for backward() and then changed in place: "
           "use the out-of-place form (x = x * 2 rather than x *= 2, no inplace=True) after {op}.",
           "{op} 的输出（形状 [{shape}]）被保存下来留给 backward() 用，之后却被原地修改了："
           "在 {op} 之后改用非原地的写法（x = x * 2 而不是 x *= 2，也不要 inplace=True）。"),
    _entry(r"one of the variables needed for gradient computation has been modified by an inplace operation",
           "a tensor saved for backward() was changed in place afterwards: use out-of-place operations "
           "(x = x * 2 rather than x *= 2, no inplace=True) on tensors that backward() still needs.",
           "一个留给 backward() 用的张量之后被原地修改了：对 backward() 还要用到的张量改用非原地运算"
           "（x = x * 2 而不是 x *= 2，也不要 inplace=True）。"),
    # -- shapes -----------------------------------------------------------------------------
    _entry(r"mat1 and mat2 shapes cannot be multiplied \((?P<a>\d+)x(?P<b>\d+) and (?P<c>\d+)x(?P<d>\d+)\)",
           "in a matrix product the inner sizes must be equal, and ({a}×{b}) @ ({c}×{d}) has {b} ≠ {c}; "
           "in nn.Linear, in_features ({c} here) must equal the input's last size ({b} here): "
           "fix in_features, or add nn.Flatten() before the layer if the input still has image dimensions.",
           "矩阵乘法要求内侧的两个大小相等，而 ({a}×{b}) @ ({c}×{d}) 中 {b} ≠ {c}；"
           "对 nn.Linear 来说，in_features（这里是 {c}）必须等于输入最后一维的大小（这里是 {b}）："
           "改正 in_features，如果输入还带着图像的各个维度，就在这一层前面加上 nn.Flatten()。"),
    _entry(r"Given groups=\d+, weight of size \[(?P<weight>[\d, ]+)\], expected input\[(?P<input>[\d, ]+)\] "
           r"to have (?P<want>\d+) channels, but got (?P<got>\d+) channels instead",
           "the convolution expects {want} input channels, but the input [{input}] has {got} in dimension 1: "
           "images go in as (N, C, H, W), so check in_channels, and move channels before height and width "
           "(x.permute(0, 3, 1, 2)) if they come last.",
           "卷积层需要 {want} 个输入通道，但输入 [{input}] 的第 1 维是 {got}：图像要按 (N, C, H, W) 的顺序输入，"
           "请检查 in_channels；如果通道在最后一维，用 x.permute(0, 3, 1, 2) 把它移到高和宽前面。"),
    _entry(r"The size of tensor a \((?P<a>\d+)\) must match the size of tensor b \((?P<b>\d+)\) "
           r"at non-singleton dimension (?P<dim>\d+)",
           "broadcasting lines shapes up from the right, and in dimension {dim} one tensor has size {a}, "
           "the other {b}: two sizes go together only when they are equal or one is 1, so print both shapes "
           "and add the missing dimension with unsqueeze() or fix the wrong one.",
           "广播会从右往左对齐两个形状，而在第 {dim} 维上一个张量的大小是 {a}，另一个是 {b}："
           "只有大小相等或其中一个是 1 才能广播，把两个形状打印出来，"
           "用 unsqueeze() 补上缺的维度，或者改正不对的那个。"),
    _entry(r"Expected input batch_size \((?P<n>\d+)\) to match target batch_size \((?P<m>\d+)\)",
           "the model gave {n} predictions for {m} targets, and the first dimension of both must be the batch size: "
           "a view() or reshape() with wrong sizes (e.g. x.view(-1, 784) on the wrong shape) usually mixed up "
           "the batch, or the labels belong to another batch.",
           "模型给出了 {n} 个预测，而目标有 {m} 个，两者的第一维都必须是批量大小："
           "通常是 view() 或 reshape() 的大小写错了（比如对形状不对的张量做 x.view(-1, 784)），"
           "把批量打乱了，或者标签来自另一个批量。"),
    _entry(r"Expected (?P<one>\d)D \(unbatched\) or (?P<many>\d)D \(batched\) input to (?P<op>\w+), "
           r"but got input of size: \[(?P<shape>[\d, ]*)\]",
           "{op} takes one sample with {one} dimensions or a batch with {many}, but got shape [{shape}]: "
           "add the missing dimension with unsqueeze(), x.unsqueeze(0) for a batch of one "
           "or x.unsqueeze(1) for the channel of grey images.",
           "{op} 接受 {one} 维的单个样本或 {many} 维的一个批量，实际得到的形状是 [{shape}]："
           "用 unsqueeze() 补上缺的维度，单个样本组成批量用 x.unsqueeze(0)，灰度图补通道维用 x.unsqueeze(1)。"),
    _entry(r"stack expects each tensor to be equal size, but got \[(?P<a>[\d, ]*)\] at entry (?P<i>\d+) "
           r"and \[(?P<b>[\d, ]*)\] at entry (?P<j>\d+)",
           "torch.stack (which a DataLoader uses to build each batch) needs tensors of one shape, but entry {i} "
           "has shape [{a}] and entry {j} [{b}]: give every sample the same size (crop, pad or resize).",
           "torch.stack（DataLoader 组成批量时也用它）要求所有张量形状相同，而第 {i} 个的形状是 [{a}]，"
           "第 {j} 个是 [{b}]：让每个样本的大小一致（裁剪、填充或缩放）。"),
    _entry(r"view size is not compatible with input tensor's size and stride",
           "view() needs the tensor's elements in memory in order, and permute(), transpose() or .t() changed "
           "that order without moving the data: use .reshape(...) instead, or .contiguous().view(...).",
           "view() 要求张量的元素在内存里按顺序排列，而 permute()、transpose() 或 .t() 只改变了顺序、没有移动数据："
           "改用 .reshape(...)，或者写成 .contiguous().view(...)。"),
    _entry(r"shape '\[(?P<shape>[-\d, ]+)\]' is invalid for input of size (?P<size>\d+)",
           "view() or reshape() cannot make shape [{shape}] from {size} elements, because the number of elements "
           "must stay the same: check the sizes, and use -1 for the one torch should work out.",
           "view() 或 reshape() 没法把 {size} 个元素排成形状 [{shape}]，因为元素总数必须保持不变："
           "检查各个大小，让 torch 自己推算的那一维写成 -1。"),
    # -- dtypes -----------------------------------------------------------------------------
    _entry(r"mat1 and mat2 must have the same dtype, but got (?P<a>\w+) and (?P<b>\w+)", _DTYPES_EN, _DTYPES_ZH),
    _entry(r"expected m1 and m2 to have the same dtype, but got: (?P<a>[\w:]+(?: int)?) != (?P<b>[\w:]+(?: int)?)",
           _DTYPES_EN, _DTYPES_ZH),
    _entry(r"expected scalar type (?P<a>\w+) but found (?P<b>\w+)", _DTYPES_EN, _DTYPES_ZH),
    _entry(r"mat1 and mat2 must have the same dtype",  # torch 2.2 does not name them
           "the input and the layer's weights have different dtypes: give the input the model's dtype with "
           ".float() (NumPy arrays become float64, that is Double: torch.from_numpy(a).float()).",
           "输入和层的权重 dtype 不同：用 .float() 把输入转换成模型的 dtype"
           "（NumPy 数组默认是 float64，也就是 Double，可以写 torch.from_numpy(a).float()）。"),
    _entry(r"expected target dtype to be Long\b[^,\n]*, but got (?P<got>\w+)",
           "CrossEntropyLoss and NLLLoss want class labels as integers (int64, torch.long), but got {got}: "
           "convert the labels with .long().",
           "CrossEntropyLoss 和 NLLLoss 要求类别标签是整数（int64，即 torch.long），实际却是 {got}："
           "用 .long() 转换标签。"),
    _entry(r"Found dtype (?P<got>\w+) but expected (?P<want>\w+)",
           "a loss got a {got} target where it expects {want}: losses such as MSELoss and BCELoss compare numbers, "
           "so convert the target with .float().",
           "损失函数需要 {want} 的目标，实际拿到的是 {got}：MSELoss、BCELoss 这类损失比较的是数值，"
           "用 .float() 转换目标。"),
    _entry(r"result type (?P<got>\w+) can't be cast to the desired output type (?P<want>\w+)",
           "an operation gives {got} values that would have to be stored in a {want} tensor (an in-place op like "
           "x += 0.5 on an integer tensor, or integer targets given to a loss that wants floats): "
           "convert with .float() first.",
           "运算结果是 {got}，却要存进 {want} 类型的张量（比如对整数张量做 x += 0.5 这样的原地运算，"
           "或者把整数目标交给需要浮点数的损失函数）：先用 .float() 转换。"),
    _entry(r"Input type \((?P<input>[^)\n]+)\) and (?P<param>weight|bias) type \((?P<weight>[^)\n]+)\) "
           r"should be the same",
           "the input ({input}) and the layer's {param} ({weight}) differ in device or dtype: move the model and "
           "the data together with .to(device), and give the input the model's dtype, usually with .float().",
           "输入（{input}）和层的参数 {param}（{weight}）所在的设备或 dtype 不同："
           "用 .to(device) 把模型和数据放到同一个设备上，并把输入转换成模型的 dtype，通常是 .float()。"),
    # -- devices ----------------------------------------------------------------------------
    _entry(r"Expected all tensors to be on the same device, but found at least two devices, "
           r"(?P<a>[\w:]+) and (?P<b>[\w:]+)", _DEVICE_EN, _DEVICE_ZH),
    _entry(r"Expected all tensors to be on the same device, but got \w+ is on (?P<a>[\w:]+), "
           r"different from other tensors on (?P<b>[\w:]+)", _DEVICE_EN, _DEVICE_ZH),
    _entry(r"Tensor on device (?P<a>[\w:]+) is not on the expected device (?P<b>[\w:]+)", _DEVICE_EN, _DEVICE_ZH),
    _entry(r"Expected all tensors to be on the same device",  # other wordings, e.g. "addmm: expected 'mat2' to be CUDA"
           "tensors on different devices met in one operation: move the model and its inputs together, "
           "model.to(device) and x = x.to(device).",
           "同一个运算里的张量不在同一个设备上："
           "用 model.to(device) 和 x = x.to(device) 把模型和数据放到同一个设备上。"),
    _entry(r"Torch not compiled with CUDA enabled|Found no NVIDIA driver|No CUDA GPUs are available"
           r"|CUDA is not available|no CUDA-capable device is detected",
           "the code asked for CUDA, but there is no usable GPU here: pick the device once with "
           "device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\") and use .to(device), "
           "never .cuda().",
           "代码要用 CUDA，但这台机器上没有可用的 GPU：先用 "
           "device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\") 选好设备，"
           "再用 .to(device)，不要写 .cuda()。"),
    # -- indices ----------------------------------------------------------------------------
    _entry(r"index out of range in self",
           "an index is too large for what it indexes: in nn.Embedding every index must be smaller than "
           "num_embeddings, so compare the largest token id with num_embeddings (the vocabulary size).",
           "有一个索引超出了范围：nn.Embedding 的每个索引都必须小于 num_embeddings，"
           "请比较最大的词元编号和 num_embeddings（词表大小）。"),
    _entry(r"index (?P<index>-?\d+) is out of bounds for dimension (?P<dim>\d+) with size (?P<size>\d+)",
           "index {index} does not exist in dimension {dim}, which has size {size}: "
           "indices there go from 0 up to, but not including, {size}.",
           "第 {dim} 维的大小是 {size}，没有索引 {index}：这一维的索引只能从 0 到 {size} - 1。"),
    _entry(r"Target (?P<target>-?\d+) is out of bounds",
           "a class label is {target}, but CrossEntropyLoss needs every label between 0 and the number of classes "
           "minus one (the size of the model's last output dimension): check the number of outputs, "
           "and labels that start at 1.",
           "有一个类别标签是 {target}，而 CrossEntropyLoss 要求标签在 0 到类别数减一之间"
           "（类别数就是模型输出最后一维的大小）："
           "检查模型的输出个数，以及标签是不是从 1 开始编号的。"),
    # -- leaving torch ----------------------------------------------------------------------
    _entry(r"Can't call numpy\(\) on Tensor that requires grad",
           "a tensor that autograd is tracking cannot become a NumPy array directly: "
           "use .detach().numpy() (and .cpu() first if it is on a GPU).",
           "自动求导正在跟踪的张量不能直接转成 NumPy 数组：用 .detach().numpy()（如果在 GPU 上，先加 .cpu()）。"),
)


def explain(error_text: str, lang: str) -> str | None:
    """One sentence in `lang` saying what torch's `error_text` ("RuntimeError: ...") means
    and how it is usually fixed; None for an error this table does not know."""
    for entry in EXPLANATIONS:
        match = entry.pattern.search(error_text)
        if match:
            return (entry.zh if lang == "zh" else entry.en).format(**match.groupdict())
    return None
