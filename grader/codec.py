"""Plain data across the worker boundary.

The worker runs untrusted code, so what it sends back is never unpickled as arbitrary
objects: `encode` (worker side) turns a value into tensors, numbers, strings, lists and
dicts tagged with "__kata__", and `decode` (judge side) reads the bytes with
`torch.load(weights_only=True)`, which refuses anything else, then rebuilds the tags.

Values that are not plain data come back as `Unsupported(type_name, repr)`, so a test can
say "expected a tensor, got MyWeirdObject" instead of crashing the grader.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

__all__ = ["Unsupported", "encode", "decode", "MAX_DEPTH", "MAX_REPLY"]

MAX_DEPTH = 32
MAX_REPLY = 256 * 2**20  # bytes of one encoded reply: the worker refuses to send more, the judge to read more
TAG = "__kata__"
SCALARS = (type(None), bool, int, float, str, bytes)


@dataclass(frozen=True)
class Unsupported:
    """A returned value that is not plain data; only its type name and repr come back."""

    type_name: str
    repr: str

    def __str__(self) -> str:
        return f"<{self.type_name}: {self.repr}>"


def _type_name(value: object) -> str:
    t = type(value)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _safe_repr(value: object, limit: int = 200) -> str:
    try:
        text = repr(value)
    except Exception as e:  # a hostile __repr__ must not break encoding
        text = f"<repr failed: {type(e).__name__}>"
    return text if len(text) <= limit else text[:limit] + "…"


def _unsupported(value: object) -> dict:
    return {TAG: "unsupported", "type": _type_name(value), "repr": _safe_repr(value)}


def _encode_tensor(t: Any) -> dict:
    import torch

    info = {"device": str(t.device), "requires_grad": bool(t.requires_grad)}
    if t.device.type == "meta":
        return {TAG: "meta", "shape": list(t.shape), "dtype": str(t.dtype), **info}
    data = t.detach()
    layout = str(data.layout)
    if data.layout != torch.strided:
        data = data.to_dense()
    # A plain tensor of its own: drops subclasses (Parameter) and views of big storages.
    data = torch.Tensor._make_subclass(torch.Tensor, data.to("cpu").clone())
    return {TAG: "tensor", "data": data, "layout": layout, **info}


def _to_plain(value: object, depth: int = 0) -> object:
    import torch

    if depth > MAX_DEPTH:
        return _unsupported(value)
    if type(value) in SCALARS:
        return value
    if isinstance(value, complex):
        return {TAG: "complex", "re": value.real, "im": value.imag}
    if isinstance(value, torch.Tensor):
        return _encode_tensor(value)
    if isinstance(value, torch.dtype):
        return {TAG: "dtype", "name": str(value).removeprefix("torch.")}
    if isinstance(value, torch.device):
        return {TAG: "device", "name": str(value)}
    if isinstance(value, torch.Size):
        return {TAG: "size", "dims": [int(d) for d in value]}
    if type(value).__module__ == "numpy":
        return _encode_numpy(value)
    if type(value) in (list, tuple):
        items = [_to_plain(v, depth + 1) for v in value]  # type: ignore[attr-defined]
        return items if type(value) is list else {TAG: "tuple", "items": items}
    if isinstance(value, dict) and type(value).__module__ in ("builtins", "collections"):
        pairs = [[_to_plain(k, depth + 1), _to_plain(v, depth + 1)] for k, v in value.items()]
        return {TAG: "dict", "items": pairs}
    return _unsupported(value)


def _encode_numpy(value: Any) -> object:
    import numpy as np
    import torch

    if isinstance(value, np.generic):
        return {TAG: "npscalar", "dtype": str(value.dtype), "value": _to_plain(value.item())}
    if isinstance(value, np.ndarray):
        try:
            data = torch.from_numpy(np.array(value, copy=True))
        except TypeError:  # object arrays, strings...
            return _unsupported(value)
        return {TAG: "ndarray", "data": data, "dtype": str(value.dtype)}
    return _unsupported(value)


def encode(value: object) -> bytes:
    """Worker side: `value` as bytes that `decode` can read safely."""
    import torch

    buffer = io.BytesIO()
    torch.save(_to_plain(value), buffer)
    return buffer.getvalue()


def _rebuild(value: Any) -> Any:
    import torch

    if isinstance(value, list):
        return [_rebuild(v) for v in value]
    if not isinstance(value, dict) or value.get(TAG) is None:
        return value
    tag = value[TAG]
    if tag == "tuple":
        return tuple(_rebuild(v) for v in value["items"])
    if tag == "dict":
        return {_rebuild(k): _rebuild(v) for k, v in value["items"]}
    if tag == "complex":
        return complex(value["re"], value["im"])
    if tag == "dtype":
        return getattr(torch, value["name"])
    if tag == "device":
        return torch.device(value["name"])
    if tag == "size":
        return torch.Size(value["dims"])
    if tag == "meta":
        dtype = getattr(torch, str(value["dtype"]).removeprefix("torch."))
        t = torch.empty(value["shape"], dtype=dtype, device="meta")
        return t.requires_grad_(True) if value["requires_grad"] and t.is_floating_point() else t
    if tag == "tensor":
        return _rebuild_tensor(value)
    if tag == "ndarray":
        return value["data"].numpy()
    if tag == "npscalar":
        import numpy as np

        return np.dtype(value["dtype"]).type(_rebuild(value["value"]))
    if tag == "unsupported":
        return Unsupported(str(value["type"]), str(value["repr"]))
    raise ValueError(f"unknown tag {tag!r} in a worker's reply")


def _rebuild_tensor(value: dict) -> Any:
    import torch

    t = value["data"]
    if value["layout"] == "torch.sparse_coo":
        t = t.to_sparse()
    device = torch.device(value["device"])
    if device.type == "cuda" and torch.cuda.is_available():
        t = t.to(device)
    if value["requires_grad"] and (t.is_floating_point() or t.is_complex()):
        t.requires_grad_(True)
    return t


def decode(payload: bytes) -> object:
    """Judge side: read bytes from a worker without running any of its code."""
    import torch

    raw = torch.load(io.BytesIO(payload), map_location="cpu", weights_only=True)
    return _rebuild(raw)
