"""ch07 · ex01 — MNIST data loaders."""

from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_loaders(data_dir: str, batch_size: int = 64) -> tuple[DataLoader, DataLoader]:
    train_transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train = datasets.MNIST(data_dir, train=True, download=False, transform=train_transform)
    test = datasets.MNIST(data_dir, train=False, download=False, transform=transforms.ToTensor())
    train_loader = DataLoader(train, batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(test, batch_size=batch_size, shuffle=False)
    return train_loader, test_loader
