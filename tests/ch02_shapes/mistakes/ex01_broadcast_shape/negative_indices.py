"""ch02 · ex01 — broadcasting rules."""


def broadcast_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    result = ()
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x == 1:
            size = y
        elif y == 1 or y == x:
            size = x
        else:
            return None
        result = (size,) + result
    return result
