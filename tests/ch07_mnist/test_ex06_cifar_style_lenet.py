"""Hidden-reference tests for ch07 · ex06 — a CIFAR-style LeNet, offline.

The transform runs in the worker on grey 28×28 PIL images the test makes (one with no black
pixel, so that a stretched image cannot pass for a padded one), and the judge compares the
tensors with the reference's. `train_lenet` is first run on a small training folder the
test writes (1 000 training images, seconds): the model it is given must change and stay
finite. Only then, as with the capstone (ex05), does the full run train on MNIST's training
split (`data = "train"`: the worker never sees the test split); the judge sends the 10 000
test images without their labels, the worker pads and normalises them like the reference
pipeline and sends back the predicted labels. The full run re-checks the quick parts first,
so that an answer that fails them fails in seconds, not after a minute of training.
"""

import struct
import time
from pathlib import Path

import torch

from grader import probes
from grader.checks import check_equal, check_tensor, check_true, hint, say
from grader.data import read_idx

PASS = 0.95
CHANCE = 0.3
SMALL = 1000  # training images in the small folder
MODEL = "__kata_trained_lenet__"  # where the worker keeps the model between the two calls


# -- probes (run in the worker) ----------------------------------------------------------------
def transform_probe(mod, images):
    """`make_transform()` applied to each (H, W) uint8 image, given as a grey PIL image."""
    from PIL import Image

    transform = mod.make_transform()
    return [transform(Image.fromarray(image.numpy())) for image in images]


def unnormalise_probe(mod, img):
    """`unnormalise(img)`, and `img` as it is after the call."""
    out = mod.unnormalise(img)
    return {"out": out, "input_after": img}


def small_training_probe(mod, data_dir):
    """Train a fresh LeNet on `data_dir`: how much each parameter moved, whether all stay finite."""
    torch.set_num_threads(1)  # a LeNet's small batches run faster on one thread, and never stall on a busy CPU
    torch.manual_seed(0)
    model = mod.LeNet()
    before = [p.detach().clone() for p in model.parameters()]
    calls = []
    model.register_forward_hook(lambda *_: calls.append(1))
    mod.train_lenet(model, data_dir)
    after = [p.detach() for p in model.parameters()]
    return {
        "forward_calls": len(calls),
        "moved": [(a - b).abs().max().item() for a, b in zip(after, before, strict=True)],
        "finite": all(bool(torch.isfinite(a).all()) for a in after),
        "grad_enabled": torch.is_grad_enabled(),
    }


def train_probe(mod, data_dir):
    """Train a LeNet on the training split and keep it for `predict_probe`."""
    from grader.sandbox.worker import emit

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = mod.LeNet()
    mod.train_lenet(model, data_dir, progress=lambda **event: emit(**event))
    setattr(mod, MODEL, model)
    return isinstance(model, torch.nn.Module)


def predict_probe(mod, images):
    """The trained model's labels for `images` (N, 28, 28) uint8, prepared as the reference
    pipeline does (pad 2 with black, 3 equal channels, (p - 0.5) / 0.5), in eval mode."""
    import torch.nn.functional as F

    model = getattr(mod, MODEL)
    x = (F.pad(images.float() / 255, (2, 2, 2, 2)) - 0.5) / 0.5
    x = x.unsqueeze(1).expand(-1, 3, -1, -1)
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i : i + 1000]).argmax(dim=1) for i in range(0, len(x), 1000)])


# -- data made in the judge --------------------------------------------------------------------
def _images(mnist_dir):
    """Grey uint8 images: two real digits (black borders), one with no black pixel at all
    (a smooth ramp from 40 to 250, so Resize and Pad differ everywhere), one random."""
    digits = read_idx(mnist_dir, "train-images-idx3-ubyte", 16)[: 2 * 784].reshape(2, 28, 28)
    ramp = (40 + torch.arange(28 * 28) * 210 // (28 * 28 - 1)).to(torch.uint8).reshape(28, 28)
    noise = torch.randint(0, 256, (28, 28), generator=torch.Generator().manual_seed(0), dtype=torch.uint8)
    return [digits[0], digits[1], ramp, noise]


def _small_folder(inbox, mnist_dir):
    """A data folder holding MNIST's first SMALL training images, and ten blank test images."""
    raw = Path(inbox) / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    images = read_idx(mnist_dir, "train-images-idx3-ubyte", 16)[: SMALL * 784]
    labels = read_idx(mnist_dir, "train-labels-idx1-ubyte", 8)[:SMALL]
    (raw / "train-images-idx3-ubyte").write_bytes(struct.pack(">IIII", 2051, SMALL, 28, 28) + images.numpy().tobytes())
    (raw / "train-labels-idx1-ubyte").write_bytes(struct.pack(">II", 2049, SMALL) + labels.numpy().tobytes())
    (raw / "t10k-images-idx3-ubyte").write_bytes(struct.pack(">IIII", 2051, 10, 28, 28) + bytes(10 * 28 * 28))
    (raw / "t10k-labels-idx1-ubyte").write_bytes(struct.pack(">II", 2049, 10) + bytes(range(10)))
    return str(Path(inbox))


# -- checks shared by the quick tests and the full run -----------------------------------------
def _transformed(kata, mnist_dir):
    """The learner's transform of each test image, checked for type and shape."""
    with hint("the pipeline is Pad(2), Grayscale(num_output_channels=3), ToTensor(), then "
              "Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)): three means and stds need three channels",
              "流水线依次是 Pad(2)、Grayscale(num_output_channels=3)、ToTensor()，最后 "
              "Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))：三个均值和标准差需要三个通道"):
        out = kata.probe(transform_probe, _images(mnist_dir))
    for image in out:
        check_true(isinstance(image, torch.Tensor), f"make_transform() must turn an image into a tensor (got "
                   f"{type(image).__name__}): end the pipeline with ToTensor() and Normalize",
                   f"make_transform() 必须把图片变成张量（实际得到 {type(image).__name__}）：流水线最后要有 "
                   "ToTensor() 和 Normalize")
        with hint("Pad(2) makes 28×28 into 32×32; Grayscale(num_output_channels=3) gives the three channels",
                  "Pad(2) 把 28×28 变成 32×32；Grayscale(num_output_channels=3) 给出三个通道"):
            check_equal(tuple(image.shape), (3, 32, 32), say("the shape of a transformed 28×28 image",
                                                             "一张 28×28 图片变换后的形状"))
        check_equal(image.dtype, torch.float32, say("the transformed image's dtype", "变换后图片的 dtype"))
    return out


def _check_centre(out, ref, mnist_dir):
    from PIL import Image

    transform = ref.make_transform()
    with hint("transforms.Pad(2) adds a border and leaves the 28×28 image itself as it is; Resize(32) would "
              "stretch it",
              "transforms.Pad(2) 只在四周加边框，28×28 的图片本身保持不变；Resize(32) 会把它拉伸"):
        for i, (image, raw) in enumerate(zip(out, _images(mnist_dir), strict=True)):
            got, want = image[:, 2:30, 2:30], transform(Image.fromarray(raw.numpy()))[:, 2:30, 2:30]
            span = (got.max() - got.min()).clamp_min(1e-12)
            check_tensor((got - got.min()) / span, (want - want.min()) / (want.max() - want.min()),
                         say(f"the 28×28 centre of test image {i}, rescaled to [0, 1] (the image itself, unstretched)",
                             f"第 {i} 张测试图片中间 28×28 的区域（缩放到 [0, 1] 后，应是原图本身，不被拉伸）"),
                         atol=1e-4)


def _check_range(out):
    digit = out[0]  # a real digit: black (0) and white (255) pixels
    low, high = digit.min().item(), digit.max().item()
    with hint("Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) maps black (0) to -1 and white (1) to 1; MNIST's own "
              "(0.1307,), (0.3081,) belong to ex01's pipeline, not this one",
              "Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) 把黑色（0）变成 -1、白色（1）变成 1；MNIST 自己的 "
              "(0.1307,), (0.3081,) 是 ex01 流水线用的，不是这里的"):
        check_true(abs(low + 1) < 1e-6 and abs(high - 1) < 1e-6,
                   f"a digit's black pixels must become -1 and its white pixels 1 (got {low:.3f} and {high:.3f})",
                   f"数字图片的黑色像素必须变成 -1，白色像素必须变成 1（实际是 {low:.3f} 和 {high:.3f}）")


def _check_border(out):
    ramp = out[2]  # no black pixel: only padding can put -1 in the border
    border = torch.ones(32, 32, dtype=torch.bool)
    border[2:30, 2:30] = False
    values = ramp[:, border]
    with hint("pad with transforms.Pad(2) before Normalize (the PIL image, or the tensor ToTensor() gives): the "
              "border is then black, -1 once normalised; Resize(32) stretches the digit instead, and padding after "
              "Normalize fills with 0, mid-grey",
              "在 Normalize 之前用 transforms.Pad(2) 补边（对 PIL 图片，或对 ToTensor() 得到的张量都可以）：这样边框是"
              "黑色，归一化后为 -1；Resize(32) 会把数字拉伸，而在 Normalize 之后再补边，填进去的是 0（中灰色）"):
        check_true(bool((values == -1).all()),
                   f"every pixel of the 2-pixel border must be -1, black after normalisation (got values from "
                   f"{values.min().item():.3f} to {values.max().item():.3f})",
                   f"2 像素边框上的每个像素都必须是 -1，即归一化后的黑色（实际取值从 {values.min().item():.3f} "
                   f"到 {values.max().item():.3f}）")


def _check_channels(out):
    for image in out:
        check_true(bool((image[0] == image[1]).all() and (image[0] == image[2]).all()),
                   "the three channels of a grey image must be equal copies of it",
                   "灰度图片的三个通道必须是它完全相同的三份拷贝")


def _check_values(out, ref, mnist_dir):
    from PIL import Image

    transform = ref.make_transform()
    with hint("ToTensor() gives p in [0, 1]; Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) then gives (p - 0.5) / 0.5 "
              "in [-1, 1] (MNIST's own (0.1307,), (0.3081,) are not this pipeline's)",
              "ToTensor() 得到 [0, 1] 中的 p；Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) 再把它变成 [-1, 1] 中的 "
              "(p - 0.5) / 0.5（这里不用 MNIST 自己的 (0.1307,), (0.3081,)）"):
        for i, (image, raw) in enumerate(zip(out, _images(mnist_dir), strict=True)):
            check_tensor(image, transform(Image.fromarray(raw.numpy())),
                         say(f"the normalised values of test image {i}", f"第 {i} 张测试图片归一化后的值"), atol=1e-6)


def _check_unnormalise(kata):
    img = probes.randn(4, 3, 32, 28).clamp(-1, 1)
    got = kata.probe(unnormalise_probe, img.clone())
    out = got["out"]
    check_true(isinstance(out, torch.Tensor), f"unnormalise must return a tensor (got {type(out).__name__})",
               f"unnormalise 必须返回张量（实际得到 {type(out).__name__}）")
    check_equal(tuple(out.shape), tuple(img.shape), say("unnormalise(img).shape", "unnormalise(img).shape"))
    with hint("Normalize computed (p - 0.5) / 0.5, so p = img * 0.5 + 0.5 = img / 2 + 0.5",
              "Normalize 计算的是 (p - 0.5) / 0.5，所以 p = img * 0.5 + 0.5 = img / 2 + 0.5"):
        check_tensor(out, img / 2 + 0.5, say("unnormalise(img)", "unnormalise(img)"), atol=1e-6)
    with hint("img / 2 + 0.5 makes a new tensor; img.mul_(0.5).add_(0.5) changes the caller's img",
              "img / 2 + 0.5 会生成新张量；img.mul_(0.5).add_(0.5) 会改掉调用者的 img"):
        check_tensor(got["input_after"], img, say("img after unnormalise(img) (it must stay unchanged)",
                                                  "调用 unnormalise(img) 之后的 img（必须保持不变）"), atol=0)


def _check_small_training(kata, inbox, mnist_dir):
    got = kata.probe(small_training_probe, _small_folder(inbox, mnist_dir))
    moved = got["moved"]
    check_true(got["forward_calls"] > 0, "train_lenet(model, ...) must train the model passed in (it never ran "
               "model forward: train that model, not a new LeNet())",
               "train_lenet(model, ...) 必须训练传进来的 model（它一次也没有调用 model 做前向计算：要训练的是这个 "
               "model，而不是新建的 LeNet()）")
    with hint("train the model passed in (not a new LeNet()), with an optimizer over model.parameters(), and "
              "call optimizer.step() after loss.backward()",
              "训练传进来的 model（不要新建一个 LeNet()），优化器要管理 model.parameters()，并且在 loss.backward() "
              "之后调用 optimizer.step()"):
        check_true(len(moved) > 0 and min(moved) > 0,
                   f"after train_lenet(model, ...) on 1,000 training images every weight of model must have changed "
                   f"({sum(m == 0 for m in moved)} of its {len(moved)} parameter tensors did not move)",
                   f"在 1,000 张训练图片上调用 train_lenet(model, ...) 之后，model 的每个权重都必须改变"
                   f"（它的 {len(moved)} 个参数张量中有 {sum(m == 0 for m in moved)} 个没有变化）")
    with hint("call optimizer.zero_grad() before each loss.backward(): otherwise gradients add up step after step "
              "and the weights blow up",
              "在每次 loss.backward() 之前调用 optimizer.zero_grad()：否则梯度一步步累加，权重会发散"):
        check_true(got["finite"], "after training on 1,000 images the weights must stay finite (got inf or nan)",
                   "在 1,000 张图片上训练之后，权重必须仍是有限值（实际出现了 inf 或 nan）")
    check_true(got["grad_enabled"], "gradient tracking must be on again after train_lenet (got it left off)",
               "train_lenet 结束后梯度计算必须仍然打开（实际被关掉了）")


# -- the tests ---------------------------------------------------------------------------------
def test_transform_gives_a_float_tensor_of_three_channels_32_by_32(kata, mnist_dir):
    _transformed(kata, mnist_dir)


def test_transform_keeps_the_digit_unstretched_in_the_centre(kata, ref, mnist_dir):
    _check_centre(_transformed(kata, mnist_dir), ref, mnist_dir)


def test_transform_maps_black_to_minus_one_and_white_to_one(kata, mnist_dir):
    _check_range(_transformed(kata, mnist_dir))


def test_transform_pads_a_black_border(kata, mnist_dir):
    _check_border(_transformed(kata, mnist_dir))


def test_transform_repeats_the_grey_channel_three_times(kata, mnist_dir):
    _check_channels(_transformed(kata, mnist_dir))


def test_transform_normalises_every_channel_to_minus_one_one(kata, ref, mnist_dir):
    _check_values(_transformed(kata, mnist_dir), ref, mnist_dir)


def test_unnormalise_undoes_the_normalisation_without_changing_its_input(kata):
    _check_unnormalise(kata)


def test_train_lenet_runs_the_model_it_is_given(kata, kata_inbox, mnist_dir):
    got = kata.probe(small_training_probe, _small_folder(kata_inbox, mnist_dir))
    check_true(got["forward_calls"] > 0, "train_lenet(model, ...) must train the model passed in (it never ran "
               "model forward: train that model, not a new LeNet())",
               "train_lenet(model, ...) 必须训练传进来的 model（它一次也没有调用 model 做前向计算：要训练的是这个 "
               "model，而不是新建的 LeNet()）")


def test_training_on_a_small_folder_moves_every_weight_and_keeps_it_finite(kata, kata_inbox, mnist_dir):
    _check_small_training(kata, kata_inbox, mnist_dir)


def test_reaches_95_percent_on_the_padded_test_digits(kata, ref, kata_inbox, mnist_dir, mnist_train_dir,
                                                      record_property):
    with hint("the full training run starts only once the quicker tests of this kata pass",
              "只有本练习前面那些较快的测试都通过后，才会开始完整的训练"):
        out = _transformed(kata, mnist_dir)
        _check_centre(out, ref, mnist_dir)
        _check_range(out)
        _check_border(out)
        _check_channels(out)
        _check_values(out, ref, mnist_dir)
        _check_unnormalise(kata)
        _check_small_training(kata, kata_inbox, mnist_dir)
    start = time.perf_counter()
    kata.probe(train_probe, mnist_train_dir)
    record_property("train_seconds", time.perf_counter() - start)
    images = read_idx(mnist_dir, "t10k-images-idx3-ubyte", 16).reshape(10000, 28, 28)
    predictions = kata.probe(predict_probe, images)
    labels = read_idx(mnist_dir, "t10k-labels-idx1-ubyte", 8).long()
    check_equal(tuple(predictions.shape), (10000,), say("the shape of the predictions (argmax of the logits)",
                                                        "预测结果（logits 的 argmax）的形状"))
    accuracy = (predictions.long() == labels).float().mean().item()
    record_property("accuracy", accuracy)
    check_true(accuracy >= CHANCE, f"test accuracy is {accuracy:.2%}, close to guessing: the model has not learned. "
               "Check that it learns from the training split (train=True; here the test split holds ten blank "
               "images).",
               f"测试准确率为 {accuracy:.2%}，和瞎猜差不多：模型什么也没学到。检查是否用训练集（train=True）来学习"
               "（这里的测试集只有十张空白图片）。")
    check_true(accuracy >= PASS, f"test accuracy is {accuracy:.2%}; at least {PASS:.0%} is needed. "
               "Train for another epoch, or use a larger learning rate.",
               f"测试准确率为 {accuracy:.2%}；至少需要 {PASS:.0%}。可以再训练一个 epoch，或者用更大的学习率。")
