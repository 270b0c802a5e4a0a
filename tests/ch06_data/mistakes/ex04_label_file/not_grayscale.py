"""ch06 · ex04 — a Dataset from an image folder and a label file."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor


class LabelFileDataset(Dataset):
    def __init__(self, image_dir: str, label_file: str) -> None:
        self.image_dir = Path(image_dir)
        self.samples = []
        for line in Path(label_file).read_text().splitlines():
            if not line.strip():
                continue
            name, label = line.split()
            self.samples.append((name, int(label)))

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        name, label = self.samples[index]
        with Image.open(self.image_dir / name) as image:
            return to_tensor(image), label
