"""ch07 · ex01 — MNIST data loaders."""

from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def make_loaders(data_dir: str, batch_size: int = 64) -> tuple[DataLoader, DataLoader]:
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train = datasets.MNIST(data_dir, train=True, download=False, transform=transform)
    test = datasets.MNIST(data_dir, train=False, download=False, transform=transform)
    train_loader = DataLoader(train, batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(test, batch_size=batch_size, shuffle=True)
    return train_loader, test_loader
