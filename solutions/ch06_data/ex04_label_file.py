"""ch06 · ex04 — a Dataset from an image folder and a label file.

Goal: read a dataset stored as a folder of images plus a text file with one
`name label` pair per line, separated by whitespace:

    labels.txt          images/
        b.png 3             a.png   (not in labels.txt: not in the dataset)
        a7.png 12           a7.png
                            b.png

- the label file decides which images are in the dataset and their order; blank lines
  are skipped;
- `ds[i]` is (image, label): the image `image_dir/name` read with Pillow, converted to
  grayscale ("L"), as a float32 tensor (1, H, W) in [0, 1] (`to_tensor`); the label as a
  Python int (the text "12" becomes 12).
目标：读取“图像文件夹 + 标签文件”形式的数据集，标签文件每行是一对 `文件名 标签`，用空白分隔：
- 由标签文件决定数据集包含哪些图像以及它们的顺序；空行跳过；
- `ds[i]` 是 (image, label)：用 Pillow 读取 `image_dir/文件名`，转成灰度（"L"），
  得到形状 (1, H, W)、取值 [0, 1] 的 float32 张量（`to_tensor`）；标签是 Python int
  （文本 "12" 变成 12）。

Example:
    >>> ds = LabelFileDataset("images", "labels.txt")
    >>> len(ds)
    2
    >>> image, label = ds[1]
    >>> image.shape, image.dtype, label
    (torch.Size([1, 20, 30]), torch.float32, 12)
"""

from pathlib import Path  # noqa: F401 (for the code you write)

import torch
from PIL import Image  # noqa: F401 (for the code you write)
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor  # noqa: F401 (for the code you write)


class LabelFileDataset(Dataset):
    def __init__(self, image_dir: str, label_file: str) -> None:
        # TODO: read the label file into a list of (name, int label) pairs (roughly 7 lines).
        # BEGIN SOLUTION
        self.image_dir = Path(image_dir)
        self.samples = []
        for line in Path(label_file).read_text().splitlines():
            if not line.strip():
                continue  # a trailing newline leaves a blank line, not a sample
            name, label = line.split()
            self.samples.append((name, int(label)))  # "12" is text; losses need the number 12
        # END SOLUTION

    def __len__(self) -> int:
        # TODO: the number of labelled images (roughly 1 line).
        # BEGIN SOLUTION
        return len(self.samples)
        # END SOLUTION

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        # returns (image: (1, H, W) float32 in [0, 1], label: int)
        # TODO: open image_dir/name, convert it to grayscale and to a tensor (roughly 3 lines).
        # BEGIN SOLUTION
        name, label = self.samples[index]
        with Image.open(self.image_dir / name) as image:
            return to_tensor(image.convert("L")), label
        # END SOLUTION
