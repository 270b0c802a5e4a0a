"""Hidden-reference tests for ch06 · ex03 — a Dataset over class folders.

The judge writes small image folders in `kata_inbox` (a folder the worker may read) with Pillow; the worker gets
the folder as a str and sends back plain data (lengths, dicts, tensors, labels).
"""

import numpy as np
import torch
from PIL import Image

from grader.checks import check_equal, check_tensor, check_true, say


def write_image(path, seed, size, mode="RGB"):
    """A random image of `size` (width, height) in `mode`, saved by its extension."""
    rng = np.random.default_rng(seed)
    width, height = size
    shape = (height, width) if mode == "L" else (height, width, len(mode))
    pixels = rng.integers(0, 256, size=shape, dtype=np.uint8)
    fmt = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[path.suffix.lower()]
    Image.fromarray(pixels).convert(mode).save(path, format=fmt)


def make_folder(root, layout, extras=()):
    """`layout`: {class: [file names]}; image files get random pixels, others some text.

    Classes are created in the order given (not sorted), so a listing order may differ.
    """
    seed = 0
    for name, files in layout.items():
        (root / name).mkdir(parents=True)
        for file in files:
            path = root / name / file
            seed += 1
            if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
                write_image(path, seed, (5 + seed % 4, 3 + seed % 3))
            else:
                path.write_text("not an image\n")
    for file in extras:
        (root / file).write_text("not a class\n")
    return str(root)


LAYOUT = {
    "zebra": ["z2.png", "z1.png"],
    "ant": ["a3.jpg", "a1.png", "a2.png"],
    "moose": ["m1.png"],
    "bee": ["b2.png", "b1.png"],
    "cat": ["c1.png"],
}
MIXED = {
    "dog": ["d1.png", "notes.txt", "d2.jpeg", "labels.csv"],
    "cat": ["c2.png", ".DS_Store", "c1.jpg", "thumbs.db"],
    "owl": ["o1.png", "o1.png.bak"],
}


def info_probe(mod, root):
    ds = mod.ClassFolderDataset(root)
    return {"len": len(ds), "class_to_idx": ds.class_to_idx, "classes": ds.classes}


def items_probe(mod, root, indices):
    ds = mod.ClassFolderDataset(root)
    return [tuple(ds[i]) for i in indices]


def error_probe(mod, root, index):
    """In the worker: the name of the exception ds[index] raises, or None."""
    ds = mod.ClassFolderDataset(root)
    try:
        ds[index]
    except NotImplementedError:
        raise  # not written yet: reported as "not started"
    except Exception as e:  # noqa: BLE001 - the test reports which one
        return type(e).__name__
    return None


def test_class_to_idx_numbers_the_sorted_folder_names(kata, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    got = kata.probe(info_probe, root)
    expected = {"ant": 0, "bee": 1, "cat": 2, "moose": 3, "zebra": 4}
    check_equal(got["class_to_idx"], expected, "ds.class_to_idx")


def test_classes_lists_the_sorted_folder_names(kata, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    check_equal(kata.probe(info_probe, root)["classes"], ["ant", "bee", "cat", "moose", "zebra"],
                "ds.classes")


def test_files_next_to_the_class_folders_are_not_classes(kata, kata_inbox):
    root = make_folder(kata_inbox, MIXED, extras=["README.md", "aardvark.png"])
    got = kata.probe(info_probe, root)
    check_equal(got["class_to_idx"], {"cat": 0, "dog": 1, "owl": 2},
                say("ds.class_to_idx for a root that also holds README.md and aardvark.png",
                    "根目录下还有 README.md 和 aardvark.png 时的 ds.class_to_idx"))


def test_length_counts_every_image(kata, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    check_equal(kata.probe(info_probe, root)["len"], 9, say("len(ds) for 9 images in 5 class folders",
                                                            "5 个类别文件夹中共 9 张图片时的 len(ds)"))


def test_length_ignores_files_that_are_not_images(kata, kata_inbox):
    root = make_folder(kata_inbox, MIXED)
    check_equal(kata.probe(info_probe, root)["len"], 5,
                say("len(ds) for 5 images beside notes.txt, labels.csv, .DS_Store, thumbs.db, o1.png.bak",
                    "5 张图片旁边还有 notes.txt、labels.csv、.DS_Store、thumbs.db、o1.png.bak 时的 len(ds)"))


def test_uppercase_extensions_are_images(kata, kata_inbox):
    root = make_folder(kata_inbox, {"fox": ["f1.PNG", "f2.JPG", "f3.Jpeg", "f4.txt"], "elk": ["e1.png"]})
    check_equal(kata.probe(info_probe, root)["len"], 4,
                say("len(ds) for fox/f1.PNG, fox/f2.JPG, fox/f3.Jpeg, fox/f4.txt, elk/e1.png",
                    "文件为 fox/f1.PNG、fox/f2.JPG、fox/f3.Jpeg、fox/f4.txt、elk/e1.png 时的 len(ds)"))


def test_labels_follow_class_then_file_name_order(kata, ref, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    got = kata.probe(items_probe, root, list(range(9)))
    expected = [ref.ClassFolderDataset(root)[i][1] for i in range(9)]
    check_equal([item[1] for item in got], expected,
                say("[label for _, label in ds] (samples sorted by class, then by file name)",
                    "[label for _, label in ds]（样本先按类别、再按文件名排序）"))


def test_images_in_a_class_are_sorted_by_file_name(kata, ref, kata_inbox):
    # Each of a different size; created in an order that neither a listing by creation (or its reverse) nor,
    # but for a 1 in 40320 chance, a listing by hash puts in sorted order.
    names = ["k4.png", "k1.png", "k7.png", "k3.png", "k8.png", "k2.png", "k6.png", "k5.png"]
    root = make_folder(kata_inbox, {"kiwi": names})
    expected = ref.ClassFolderDataset(root)
    file_of = {tuple(expected[i][0].shape): name for i, name in enumerate(sorted(names))}
    assert len(file_of) == len(names), "every image must have a size of its own"
    got = kata.probe(items_probe, root, list(range(len(names))))
    files = [file_of.get(tuple(image.shape), "?") if isinstance(image, torch.Tensor) else "?"
             for image, _ in got]
    check_equal(files, sorted(names), say("the files behind ds[0], ..., ds[7] (sorted by name within a class)",
                                          "ds[0], ..., ds[7] 对应的文件（同一类别内按文件名排序）"))


def test_label_is_a_python_int(kata, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    _, label = kata.probe(items_probe, root, [6])[0]
    check_equal(label, 3, say("the label of ds[6] (the first 'moose' image)",
                              "ds[6] 的 label（第一张 'moose' 图片）"))


def test_items_are_rgb_float_images_and_labels(kata, ref, kata_inbox):
    root = make_folder(kata_inbox, MIXED)
    got = kata.probe(items_probe, root, list(range(5)))
    expected = ref.ClassFolderDataset(root)
    for i, item in enumerate(got):
        check_equal(len(item), 2, say(f"len(ds[{i}]), an (image, label) pair",
                                      f"len(ds[{i}])（应为一个 (image, label) 对）"))
        check_tensor(item[0], expected[i][0], say(f"the image of ds[{i}]", f"ds[{i}] 的图像"))
        check_equal(item[1], expected[i][1], say(f"the label of ds[{i}]", f"ds[{i}] 的 label"))


def test_grayscale_and_rgba_images_come_back_as_rgb(kata, ref, kata_inbox):
    (kata_inbox / "mixed").mkdir()
    write_image(kata_inbox / "mixed" / "gray.png", 1, (6, 4), mode="L")
    write_image(kata_inbox / "mixed" / "rgba.png", 2, (3, 7), mode="RGBA")
    root = str(kata_inbox)
    got = kata.probe(items_probe, root, [0, 1])
    expected = ref.ClassFolderDataset(root)
    for i, name in enumerate(["gray.png (mode L)", "rgba.png (mode RGBA)"]):
        check_tensor(got[i][0], expected[i][0], say(f"the image of ds[{i}], {name}", f"ds[{i}] 的图像（{name}）"))


def test_index_past_the_end_raises_index_error(kata, kata_inbox):
    root = make_folder(kata_inbox, LAYOUT)
    got = kata.probe(error_probe, root, 9)
    check_true(got == "IndexError", "ds[9] with 9 images must raise IndexError "
               f"({'returned a value' if got is None else f'raised {got}'})",
               "共 9 张图片时，ds[9] 必须抛出 IndexError"
               f"（{'实际返回了一个值' if got is None else f'实际抛出了 {got}'}）")
