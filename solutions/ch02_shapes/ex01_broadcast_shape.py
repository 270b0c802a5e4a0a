"""ch02 · ex01 — broadcasting rules.

Goal: predict the shape that broadcasting gives for two shapes, or `None` when they do not
broadcast. Work it out with the rules, without asking torch (no `torch.broadcast_shapes`, and no
tensors built to see what shape they broadcast to).
目标：预测两个形状广播后的结果形状；如果不能广播，返回 `None`。请按规则自己推算，
不要让 torch 替你算（不要用 `torch.broadcast_shapes`，也不要创建张量来看它们广播成什么形状）。

The rules: line the shapes up on the right; a missing leading dim counts as size 1. Dim by
dim, equal sizes stay, a size 1 stretches to the other size, anything else is an error.
规则：把两个形状右对齐，缺少的前导维度当作大小 1。逐维比较：大小相等则保留，
大小为 1 的一方被拉伸成另一方的大小，其余情况都无法广播。

Example:
    >>> broadcast_shape((8, 1, 3), (5, 1))
    (8, 5, 3)
    >>> broadcast_shape((2, 3), (3, 2)) is None
    True
"""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    # TODO: pad the shorter shape with 1s on the left, then compare dim by dim (roughly 10 lines).
    # BEGIN SOLUTION
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)  # shapes line up on the right: pad the left with 1s
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b, strict=True):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            return None
    return tuple(out)
    # END SOLUTION
