"""ch06 · ex04 — a Dataset from an image folder and a label file."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor


class LabelFileDataset(Dataset):
    def __init__(self, image_dir: str, label_file: str) -> None:
        from torchvision import transforms

        self.transform = transforms.Compose([transforms.Grayscale(), transforms.ToTensor()])
        self.paths, self.labels = [], []
        for line in Path(label_file).read_text().splitlines():
            fields = line.strip().split(maxsplit=1)
            if fields:
                self.paths.append(Path(image_dir) / fields[0])
                self.labels.append(int(fields[1]))

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        with Image.open(self.paths[index]) as image:
            return self.transform(image), self.labels[index]
