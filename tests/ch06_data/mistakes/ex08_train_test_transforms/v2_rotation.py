"""ch06 · ex08 — train and test transforms, augmentation."""

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms import v2

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


class ImageDataset(Dataset):
    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform=None) -> None:
        self.images = images.numpy()
        self.labels = labels.tolist()
        self.transform = transform

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int):
        image = Image.fromarray(self.images[index])
        if self.transform:
            return self.transform(image), self.labels[index]
        return image, self.labels[index]


def make_transforms(size: tuple[int, int]):
    to_tensor = [v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(list(MEAN), list(STD))]
    return v2.Compose([v2.RandomRotation(15), *to_tensor]), v2.Compose(to_tensor)
