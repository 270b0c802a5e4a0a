"""ch06 · ex03 — a Dataset over class folders.

Goal: read a folder laid out with one sub-folder per class, like torchvision's
`ImageFolder`:

    root/
        cat/  a.png  b.jpg  notes.txt
        dog/  c.JPEG

- `self.classes`: the sub-folder names, sorted (files next to them are not classes);
- `self.class_to_idx`: {class name: index in `self.classes`}, here {"cat": 0, "dog": 1};
- the samples: every file whose extension is .png, .jpg or .jpeg, in any letter case
  (photo.JPG counts; notes.txt does not), ordered by class, then by file name;
- `ds[i]` is (image, label): the image read with Pillow, converted to RGB, as a float32
  tensor (3, H, W) with values in [0, 1] (`to_tensor`); the label a Python int.
Sorting makes the numbering the same on every machine: `os.listdir` and `Path.iterdir`
return names in no promised order.

目标：读取每个类别一个子文件夹的目录（与 torchvision 的 `ImageFolder` 相同）：
- `self.classes`：排好序的子文件夹名（旁边的普通文件不是类别）；
- `self.class_to_idx`：{类别名: 在 `self.classes` 中的下标}，上例为 {"cat": 0, "dog": 1}；
- 样本：扩展名为 .png、.jpg 或 .jpeg 的文件，不区分大小写（photo.JPG 算，notes.txt 不算），
  先按类别、再按文件名排序；
- `ds[i]` 是 (image, label)：用 Pillow 读入、转成 RGB 的图像，形状 (3, H, W)、取值 [0, 1]
  的 float32 张量（`to_tensor`）；标签是 Python int。
排序保证每台机器上的编号都相同：`os.listdir` 和 `Path.iterdir` 不保证返回顺序。

Example:
    >>> ds = ClassFolderDataset("root")
    >>> ds.class_to_idx
    {'cat': 0, 'dog': 1}
    >>> len(ds)
    3
    >>> image, label = ds[2]
    >>> image.shape, image.dtype, label
    (torch.Size([3, 32, 48]), torch.float32, 1)
"""

from pathlib import Path  # noqa: F401 (for the code you write)

import torch
from PIL import Image  # noqa: F401 (for the code you write)
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor  # noqa: F401 (for the code you write)

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


class ClassFolderDataset(Dataset):
    def __init__(self, root: str) -> None:
        # TODO: set self.classes and self.class_to_idx, and list every (image path, label)
        # pair (roughly 8 lines).
        # BEGIN SOLUTION
        folder = Path(root)
        self.classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
        self.class_to_idx = {name: i for i, name in enumerate(self.classes)}
        self.samples = [
            (path, self.class_to_idx[name])
            for name in self.classes
            for path in sorted((folder / name).iterdir())  # sorted: the same order everywhere
            if path.suffix.lower() in IMAGE_EXTENSIONS
        ]
        # END SOLUTION

    def __len__(self) -> int:
        # TODO: the number of images (roughly 1 line).
        # BEGIN SOLUTION
        return len(self.samples)
        # END SOLUTION

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        # returns (image: (3, H, W) float32 in [0, 1], label: int)
        # TODO: open the image, convert it to RGB and to a tensor (roughly 3 lines).
        # BEGIN SOLUTION
        path, label = self.samples[index]
        with Image.open(path) as image:  # closes the file; a long epoch would run out of handles
            return to_tensor(image.convert("RGB")), label
        # END SOLUTION
