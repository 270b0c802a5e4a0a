"""ch09 · ex12 — early stopping that keeps the best weights."""

import copy

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset, random_split


def split(dataset: Dataset, val_fraction: float, seed: int) -> tuple[Subset, Subset]:
    n_val = int(len(dataset) * val_fraction)
    torch.manual_seed(seed)
    train_set, val_set = random_split(dataset, [len(dataset) - n_val, n_val])
    return train_set, val_set


def fit_with_early_stopping(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    train_loader: DataLoader,
    val_loader: DataLoader,
    max_epochs: int,
    patience: int,
) -> tuple[int, list[float]]:
    best_loss, best_epoch, best_state = float("inf"), 0, None
    history = []
    for epoch in range(max_epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()

        model.eval()
        with torch.no_grad():
            losses = [loss_fn(model(x), y).item() for x, y in val_loader]
        history.append(sum(losses) / len(losses))

        if history[-1] < best_loss:
            best_loss, best_epoch = history[-1], epoch
            best_state = copy.deepcopy(model.state_dict())
        elif epoch - best_epoch >= patience:
            break
    model.load_state_dict(best_state)
    return best_epoch, history
