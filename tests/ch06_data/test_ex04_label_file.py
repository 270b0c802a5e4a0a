"""Hidden-reference tests for ch06 · ex04 — a Dataset from an image folder and a label file.

The judge writes the images and the label file in `kata_inbox` (a folder the worker may
read) with Pillow; the worker gets both paths as str and sends back plain data.
"""

import numpy as np
from PIL import Image

from grader.checks import check_equal, check_tensor, check_true, say

# (file name, label) in label-file order: not sorted, labels with one and two digits.
LABELLED = [("img_07.png", 3), ("img_02.png", 12), ("img_10.png", 0), ("img_05.png", 7), ("img_01.png", 3)]
UNLABELLED = ["img_03.png", "img_04.png"]  # in the folder, not in the label file


def make_dataset(kata_inbox, lines=None):
    """Write RGB images of different sizes and a label file; return (image_dir, label_file)."""
    image_dir = kata_inbox / "images"
    image_dir.mkdir()
    names = [name for name, _ in LABELLED] + UNLABELLED
    for seed, name in enumerate(sorted(names)):
        rng = np.random.default_rng(seed)
        pixels = rng.integers(0, 256, size=(4 + seed % 3, 6 + seed % 4, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(image_dir / name)
    if lines is None:
        lines = [f"{name} {label}" for name, label in LABELLED] + [""]
    label_file = kata_inbox / "labels.txt"
    label_file.write_text("\n".join(lines) + "\n")
    return str(image_dir), str(label_file)


def length_probe(mod, image_dir, label_file):
    return len(mod.LabelFileDataset(image_dir, label_file))


def items_probe(mod, image_dir, label_file, indices):
    ds = mod.LabelFileDataset(image_dir, label_file)
    return [tuple(ds[i]) for i in indices]


def error_probe(mod, image_dir, label_file, index):
    """In the worker: the name of the exception ds[index] raises, or None."""
    ds = mod.LabelFileDataset(image_dir, label_file)
    try:
        ds[index]
    except NotImplementedError:
        raise  # not written yet: reported as "not started"
    except Exception as e:  # noqa: BLE001 - the test reports which one
        return type(e).__name__
    return None


def test_length_is_the_number_of_labelled_lines(kata, kata_inbox):
    image_dir, label_file = make_dataset(kata_inbox)
    check_equal(kata.probe(length_probe, image_dir, label_file), 5,
                say("len(ds) for a label file of 5 lines (then a blank line) and a folder of 7 images",
                    "标签文件有 5 行（末尾再加一个空行）、文件夹里有 7 张图片时的 len(ds)"))


def test_blank_lines_are_skipped(kata, kata_inbox):
    lines = ["img_01.png 4", "", "img_02.png 5", "   ", "img_03.png 6", ""]
    image_dir, label_file = make_dataset(kata_inbox, lines)
    check_equal(kata.probe(length_probe, image_dir, label_file), 3,
                say("len(ds) for the label file 'img_01.png 4', '', 'img_02.png 5', '   ', 'img_03.png 6', ''",
                    "标签文件各行为 'img_01.png 4', '', 'img_02.png 5', '   ', 'img_03.png 6', '' 时的 len(ds)"))


def test_labels_follow_the_label_file_order(kata, kata_inbox):
    image_dir, label_file = make_dataset(kata_inbox)
    got = kata.probe(items_probe, image_dir, label_file, list(range(5)))
    check_equal([item[1] for item in got], [label for _, label in LABELLED],
                say("[label for _, label in ds] (in the label file's order, not the folder's)",
                    "[label for _, label in ds]（按标签文件里的顺序，而不是文件夹里的顺序）"))


def test_label_is_a_python_int(kata, kata_inbox):
    image_dir, label_file = make_dataset(kata_inbox)
    _, label = kata.probe(items_probe, image_dir, label_file, [1])[0]
    check_equal(label, 12, say("the label of ds[1] (line 'img_02.png 12')", "ds[1] 的 label（对应行 'img_02.png 12'）"))


def test_labels_separated_by_tabs_or_several_spaces(kata, kata_inbox):
    lines = ["img_04.png\t9", "img_01.png   2"]
    image_dir, label_file = make_dataset(kata_inbox, lines)
    got = kata.probe(items_probe, image_dir, label_file, [0, 1])
    check_equal([item[1] for item in got], [9, 2],
                say("the labels for the lines 'img_04.png<TAB>9' and 'img_01.png   2'",
                    "行 'img_04.png<TAB>9' 和 'img_01.png   2' 的 label"))


def test_items_are_grayscale_float_images_and_labels(kata, ref, kata_inbox):
    image_dir, label_file = make_dataset(kata_inbox)
    got = kata.probe(items_probe, image_dir, label_file, list(range(5)))
    expected = ref.LabelFileDataset(image_dir, label_file)
    for i, item in enumerate(got):
        check_equal(len(item), 2, say(f"len(ds[{i}]), an (image, label) pair",
                                      f"len(ds[{i}])（应为一个 (image, label) 对）"))
        check_tensor(item[0], expected[i][0], say(f"the image of ds[{i}] ({LABELLED[i][0]}, read as grayscale)",
                                                  f"ds[{i}] 的图像（{LABELLED[i][0]}，按灰度图读取）"))


def test_index_past_the_end_raises_index_error(kata, kata_inbox):
    image_dir, label_file = make_dataset(kata_inbox)
    got = kata.probe(error_probe, image_dir, label_file, 5)
    check_true(got == "IndexError", "ds[5] with 5 labelled images must raise IndexError "
               f"({'returned a value' if got is None else f'raised {got}'})",
               "共 5 张有标签的图片时，ds[5] 必须抛出 IndexError"
               f"（{'实际返回了一个值' if got is None else f'实际抛出了 {got}'}）")
