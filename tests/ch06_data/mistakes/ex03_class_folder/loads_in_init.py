"""ch06 · ex03 — a Dataset over class folders."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


class ClassFolderDataset(Dataset):
    def __init__(self, root: str) -> None:
        from torchvision import transforms

        to_float = transforms.ToTensor()
        self.classes = sorted(entry.name for entry in Path(root).iterdir() if entry.is_dir())
        self.class_to_idx = {}
        self.images, self.labels = [], []
        for label, name in enumerate(self.classes):
            self.class_to_idx[name] = label
            for file in sorted(Path(root, name).iterdir()):
                if file.suffix.lower() not in (".png", ".jpg", ".jpeg"):
                    continue
                with Image.open(file) as image:
                    self.images.append(to_float(image.convert("RGB")))
                self.labels.append(label)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        return self.images[index], self.labels[index]
