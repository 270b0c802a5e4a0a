"""ch06 · ex08 — train and test transforms, augmentation."""

import torch
from torch.utils.data import Dataset
from torchvision import transforms
from torchvision.transforms.functional import to_pil_image

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


class ImageDataset(Dataset):
    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform=None) -> None:
        self.samples = list(zip(images, labels))
        self.transform = transform

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int):
        pixels, label = self.samples[index]
        image = to_pil_image(pixels.permute(2, 0, 1))  # to_pil_image wants (C, H, W)
        if self.transform is not None:
            image = self.transform(image)
        return image, label.item()


def make_transforms(size: tuple[int, int]):
    normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    train_transform = transforms.Compose([
        transforms.RandomCrop(size, padding=4, padding_mode="reflect"),
        transforms.RandomRotation(10),
        normalize,
    ])
    return train_transform, normalize
