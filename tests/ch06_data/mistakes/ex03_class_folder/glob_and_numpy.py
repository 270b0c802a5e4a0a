"""ch06 · ex03 — a Dataset over class folders."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


class ClassFolderDataset(Dataset):
    def __init__(self, root: str) -> None:
        import os

        names = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
        self.classes = names
        self.class_to_idx = {c: names.index(c) for c in names}
        self.samples = [
            (path, self.class_to_idx[path.parent.name])
            for path in sorted(Path(root).glob("*/*"))  # Path sorts by folder, then by file name
            if os.path.splitext(path.name)[1].lower() in IMAGE_EXTENSIONS
        ]

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        import numpy as np

        path, label = self.samples[index]
        pixels = np.array(Image.open(path).convert("RGB"))  # (H, W, 3) uint8
        image = torch.from_numpy(pixels).permute(2, 0, 1).float() / 255
        return image, int(label)
