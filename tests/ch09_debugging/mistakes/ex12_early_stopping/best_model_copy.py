"""ch09 · ex12 — early stopping that keeps the best weights."""

import copy

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset


def split(dataset: Dataset, val_fraction: float, seed: int) -> tuple[Subset, Subset]:
    n = len(dataset)
    n_val = int(n * val_fraction)
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).tolist()
    return Subset(dataset, order[n_val:]), Subset(dataset, order[:n_val])


@torch.inference_mode()
def validation_loss(model, loss_fn, loader):
    model.eval()
    losses = torch.stack([loss_fn(model(x), y) for x, y in loader])
    return losses.mean().item()


def fit_with_early_stopping(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    train_loader: DataLoader,
    val_loader: DataLoader,
    max_epochs: int,
    patience: int,
) -> tuple[int, list[float]]:
    history = []
    best_model = None
    best_epoch = -1
    for epoch in range(max_epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        history.append(validation_loss(model, loss_fn, val_loader))
        if best_model is None or history[-1] < history[best_epoch]:
            best_model = copy.deepcopy(model)
            best_epoch = epoch
        if epoch - best_epoch == patience:
            break
    model.load_state_dict(best_model.state_dict())
    return best_epoch, history
