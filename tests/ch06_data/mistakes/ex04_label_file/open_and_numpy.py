"""ch06 · ex04 — a Dataset from an image folder and a label file."""

from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms.functional import to_tensor


class LabelFileDataset(Dataset):
    def __init__(self, image_dir: str, label_file: str) -> None:
        self.image_dir = image_dir
        self.samples = []
        with open(label_file) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    self.samples.append((parts[0], int(parts[1])))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        import os

        import numpy as np
        from PIL import ImageOps

        name, label = self.samples[index]
        image = ImageOps.grayscale(Image.open(os.path.join(self.image_dir, name)))
        pixels = torch.from_numpy(np.asarray(image, dtype=np.uint8).copy())  # (H, W)
        return pixels.unsqueeze(0).float() / 255, label
