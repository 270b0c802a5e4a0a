"""Time-to-accuracy on MNIST, on this machine's CPU.

1. The reference capstone (`solutions/ch07_mnist/ex05_capstone.py`): wall time of
   `train_mnist` and its test accuracy (target: >= 98 % within 60 s on 2 cores).
2. The standard beginner code the capstone must accept: an MLP 784 -> 128 -> 10 with ReLU,
   Adam(lr=1e-3), batch size 64, torchvision transforms and DataLoader; accuracy and
   cumulative time after each epoch (target: >= 95 % well inside the 10-minute budget).

    python bench/mnist_reference.py [--epochs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from grader.data import data_dir, ensure_mnist  # noqa: E402

STANDARD = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])


def test_accuracy(model: nn.Module, root: str) -> float:
    test = datasets.MNIST(root, train=False, download=False)
    images = ((test.data.float() / 255 - 0.1307) / 0.3081).unsqueeze(1)
    model.eval()
    with torch.no_grad():
        return (model(images).argmax(dim=1) == test.targets).float().mean().item()


def reference(root: str) -> None:
    spec = importlib.util.spec_from_file_location("capstone", ROOT / "solutions/ch07_mnist/ex05_capstone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    start = time.perf_counter()
    model = module.train_mnist(root)
    seconds = time.perf_counter() - start
    print(f"reference capstone: {seconds:6.1f} s of training -> {test_accuracy(model, root):.2%} test accuracy")


def beginner(root: str, epochs: int) -> None:
    torch.manual_seed(0)
    train = datasets.MNIST(root, train=True, download=False, transform=STANDARD)
    loader = DataLoader(train, batch_size=64, shuffle=True)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            loss_fn(model(images), labels).backward()
            optimizer.step()
        elapsed = time.perf_counter() - start
        print(f"beginner MLP, epoch {epoch}: {elapsed:6.1f} s cumulative -> "
              f"{test_accuracy(model, root):.2%} test accuracy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=3, help="epochs of the beginner MLP")
    args = parser.parse_args()
    root = str(ensure_mnist(data_dir()))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    reference(root)
    beginner(root, args.epochs)


if __name__ == "__main__":
    main()
