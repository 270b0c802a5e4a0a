"""ch06 · ex03 — a Dataset over class folders."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


class ClassFolderDataset(Dataset):
    def __init__(self, root: str) -> None:
        folder = Path(root)
        self.classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
        self.class_to_idx = {name: i for i, name in enumerate(self.classes)}
        self.samples = []
        for name in self.classes:
            for path in sorted((folder / name).iterdir()):
                if path.suffix in IMAGE_EXTENSIONS:
                    self.samples.append((path, self.class_to_idx[name]))

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        path, label = self.samples[index]
        with Image.open(path) as image:
            return to_tensor(image.convert("RGB")), label
