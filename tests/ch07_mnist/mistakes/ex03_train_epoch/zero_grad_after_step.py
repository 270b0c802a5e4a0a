"""ch07 · ex03 — one training epoch."""

from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(
    model: nn.Module, loader: DataLoader, optimizer, loss_fn  # noqa: ANN001
) -> float:
    model.train()
    losses = []
    for batch, (images, labels) in enumerate(loader):
        outputs = model(images)
        loss = loss_fn(outputs, labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()  # clear the gradients, ready for the next batch
        losses.append(loss.item())
    return sum(losses) / len(losses)
