"""ch06 · ex08 — train and test transforms, augmentation."""

import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision import transforms

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


class ImageDataset(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images = [Image.fromarray(pixels.numpy(), "RGB") for pixels in images]
        self.labels = [int(y) for y in labels]
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        if self.transform:
            image = self.transform(image)
        return image, self.labels[index]


def make_transforms(size):
    height, width = size
    train_transform = transforms.Compose([
        transforms.RandomRotation(degrees=15),
        transforms.RandomCrop((height, width), padding=2),
        transforms.ToTensor(),
        transforms.Normalize(mean=MEAN, std=STD),
    ])
    test_transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize(mean=MEAN, std=STD)])
    return train_transform, test_transform
