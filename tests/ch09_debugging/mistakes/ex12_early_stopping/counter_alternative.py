"""ch09 · ex12 — early stopping that keeps the best weights."""

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset, random_split


def split(dataset: Dataset, val_fraction: float, seed: int) -> tuple[Subset, Subset]:
    g = torch.Generator()
    g.manual_seed(seed)
    n_val = int(len(dataset) * val_fraction)
    parts = random_split(dataset, [len(dataset) - n_val, n_val], generator=g)
    return parts[0], parts[1]


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
    best_epoch = 0
    best_weights = None
    bad_epochs = 0
    for epoch in range(max_epochs):
        model.train()
        for inputs, targets in train_loader:
            loss = loss_fn(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for inputs, targets in val_loader:
                total += loss_fn(model(inputs), targets).item() * len(inputs)
                count += len(inputs)
        val_loss = total / count
        history.append(val_loss)

        if best_weights is None or val_loss < min(history[:-1]):
            best_epoch = epoch
            best_weights = {k: v.detach().clone() for k, v in model.state_dict().items()}
            bad_epochs = 0
        else:
            bad_epochs += 1
            if bad_epochs == patience:
                break

    model.load_state_dict(best_weights)
    return best_epoch, history
