"""ch02 · ex01 — broadcasting rules."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    a, b = list(reversed(a)), list(reversed(b))
    while len(a) < len(b):
        a.append(1)
    while len(b) < len(a):
        b.append(1)
    out = []
    for x, y in zip(a, b, strict=True):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            return None
    return tuple(out)  # still in right-to-left order
