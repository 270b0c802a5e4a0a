"""ch01 · ex04 — element-wise product vs matrix product.

Goal: `elementwise_product(a, b)` multiplies matching elements (`*`), and
`matrix_product(a, b)` is the matrix product (`@`, i.e. torch.matmul), which must also work
for batches of matrices (B, N, K) @ (B, K, M) and for two vectors (a dot product).
目标：`elementwise_product(a, b)` 把对应位置的元素相乘（`*`）；`matrix_product(a, b)` 是矩阵
乘法（`@`，即 torch.matmul），还要能处理一批矩阵 (B, N, K) @ (B, K, M) 以及两个向量（点积）。

Neither function may change its inputs.
两个函数都不能修改输入。

Example:
    >>> a = torch.tensor([[1., 2.], [3., 4.]])
    >>> b = torch.tensor([[10., 20.], [30., 40.]])
    >>> elementwise_product(a, b)
    tensor([[ 10.,  40.],
            [ 90., 160.]])
    >>> matrix_product(a, b)
    tensor([[ 70., 100.],
            [150., 220.]])
"""

import torch


def elementwise_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # a: (N, M), b: (N, M) -> (N, M)
    # TODO: one operator (roughly 1 line).
    # BEGIN SOLUTION
    return a * b  # out[i, j] = a[i, j] * b[i, j]
    # END SOLUTION


def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # a: (N, K), b: (K, M) -> (N, M); also (B, N, K) @ (B, K, M) -> (B, N, M) and (K,) @ (K,) -> ()
    # TODO: one operator (roughly 1 line).
    # BEGIN SOLUTION
    return a @ b  # out[i, j] = sum over k of a[i, k] * b[k, j], batched over leading dims
    # END SOLUTION
