"""ch06 · ex08 — train and test transforms, augmentation."""

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


class ImageDataset(Dataset):
    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform=None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        image = Image.fromarray(self.images[index].numpy())
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[index])


def make_transforms(size: tuple[int, int]) -> tuple[transforms.Compose, transforms.Compose]:
    train_transform = transforms.Compose([
        transforms.RandomCrop(size, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize(MEAN, STD),
    ])
    test_transform = transforms.Compose([
        transforms.RandomCrop(size, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize(MEAN, STD),
    ])
    return train_transform, test_transform
