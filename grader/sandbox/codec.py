"""Plain data across the worker boundary, decoded at a cost bounded by what was sent.

The worker runs untrusted code, so the judge never unpickles what it sends. `encode`
(worker side) writes a value as a JSON tree plus raw byte buffers:

    4-byte header length | JSON {"tree": ..., "sizes": [...]} | buffer 0 | buffer 1 | ...

Lists are JSON arrays; numbers, strings, booleans and None are themselves; everything else
is an object tagged with "$": tuples, dicts (as key/value pairs, so keys keep their type),
complex numbers, bytes, tensors, NumPy arrays and scalars, dtypes, devices, sizes.

`decode` (judge side) rebuilds the value and checks every part against what is on the
wire: the buffers must add up to the payload exactly; a tensor's or array's elements times
their size must equal its buffer's length (no stride tricks: a tensor is always a fresh,
contiguous copy); dtypes come from a fixed list of numeric types; nothing is converted to
another layout or device that would cost more than the bytes sent. Anything else fails
with `ValueError`.

Values that are not plain data come back as `Unsupported(type_name, repr)`, so a test can
say "expected a tensor, got MyWeirdObject" instead of crashing the grader.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from typing import Any

__all__ = ["Unsupported", "encode", "decode", "MAX_DEPTH", "MAX_REPLY"]

MAX_DEPTH = 32  # nesting of lists, tuples and dicts
MAX_DIMS = 64  # dimensions of a tensor or array
MAX_REPLY = 256 * 2**20  # bytes of one encoded reply: the worker refuses to send more, the judge to read more
MAX_REPR = 200  # characters of an unsupported object's repr
TAG = "$"

# The dtypes that may cross, by name. Element sizes are checked against the bytes sent.
TORCH_DTYPES = ("float64", "float32", "float16", "bfloat16", "complex128", "complex64", "int64", "int32",
                "int16", "int8", "uint8", "bool", "uint16", "uint32", "uint64")
NUMPY_DTYPES = ("float64", "float32", "float16", "complex128", "complex64", "int64", "int32", "int16", "int8",
                "uint64", "uint32", "uint16", "uint8", "bool")
_HEADER = struct.Struct("<I")


@dataclass(frozen=True)
class Unsupported:
    """A returned value that is not plain data; only its type name and repr come back."""

    type_name: str
    repr: str

    def __str__(self) -> str:
        return f"<{self.type_name}: {self.repr}>"


# -- worker side ---------------------------------------------------------------------------
def _type_name(value: object) -> str:
    t = type(value)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _safe_repr(value: object) -> str:
    try:
        text = repr(value)
    except Exception as e:  # a hostile __repr__ must not break encoding
        text = f"<repr failed: {type(e).__name__}>"
    return text if len(text) <= MAX_REPR else text[:MAX_REPR] + "…"


def _unsupported(value: object) -> dict:
    return {TAG: "unsupported", "type": _type_name(value), "repr": _safe_repr(value)}


class _Encoder:
    def __init__(self) -> None:
        self.buffers: list[Any] = []

    def buffer(self, data: Any) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def tensor(self, t: Any) -> dict:
        import torch

        info = {"dtype": str(t.dtype).removeprefix("torch."), "shape": list(t.shape),
                "requires_grad": bool(t.requires_grad)}
        if t.layout != torch.strided or info["dtype"] not in TORCH_DTYPES:
            return {TAG: "layout", "layout": str(t.layout), **info}
        if t.device.type == "meta":
            return {TAG: "meta", **info}
        data = t.detach().to("cpu").clone(memory_format=torch.contiguous_format)
        raw = data.reshape(-1).view(torch.uint8).numpy() if data.numel() else b""
        return {TAG: "tensor", "device": str(t.device), "buffer": self.buffer(raw), **info}

    def numpy(self, value: Any) -> object:
        import numpy as np

        if isinstance(value, np.generic) and value.dtype.name in NUMPY_DTYPES:
            item = value.item()
            plain = {TAG: "complex", "re": item.real, "im": item.imag} if isinstance(item, complex) else item
            return {TAG: "npscalar", "dtype": value.dtype.name, "value": plain}
        if isinstance(value, np.ndarray) and value.dtype.name in NUMPY_DTYPES:
            data = np.ascontiguousarray(value)
            return {TAG: "ndarray", "dtype": value.dtype.name, "shape": list(data.shape),
                    "buffer": self.buffer(data.reshape(-1).view(np.uint8))}
        return _unsupported(value)

    def plain(self, value: object, depth: int = 0) -> object:
        import torch

        t = type(value)
        if depth > MAX_DEPTH:
            return _unsupported(value)
        if t in (type(None), bool, int, float, str):
            return value
        if t is bytes:
            return {TAG: "bytes", "buffer": self.buffer(value)}
        if t is complex:
            return {TAG: "complex", "re": value.real, "im": value.imag}  # type: ignore[attr-defined]
        if isinstance(value, torch.Tensor):
            return self.tensor(value)
        if t is torch.dtype:
            return {TAG: "dtype", "name": str(value).removeprefix("torch.")}
        if t is torch.device:
            return {TAG: "device", "name": str(value)}
        if t is torch.Size:
            return {TAG: "size", "dims": [int(d) for d in value]}  # type: ignore[attr-defined]
        if t.__module__ == "numpy":
            return self.numpy(value)
        if t in (list, tuple):
            items = [self.plain(v, depth + 1) for v in value]  # type: ignore[attr-defined]
            return items if t is list else {TAG: "tuple", "items": items}
        if isinstance(value, dict) and t.__module__ in ("builtins", "collections"):
            return {TAG: "dict", "items": [[self.plain(k, depth + 1), self.plain(v, depth + 1)]
                                            for k, v in value.items()]}
        return _unsupported(value)


def encode(value: object) -> bytes:
    """Worker side: `value` as bytes that `decode` can read safely."""
    encoder = _Encoder()
    tree = encoder.plain(value)
    buffers = [memoryview(b).cast("B") if not isinstance(b, bytes) else b for b in encoder.buffers]
    header = json.dumps({"tree": tree, "sizes": [len(b) for b in buffers]}, separators=(",", ":")).encode()
    return b"".join([_HEADER.pack(len(header)), header, *buffers])


# -- judge side ----------------------------------------------------------------------------
def _ints(value: Any, what: str) -> list[int]:
    if not isinstance(value, list) or len(value) > MAX_DIMS or not all(
            type(d) is int and 0 <= d < 2**48 for d in value):
        raise ValueError(f"{what} must be a short list of sizes")
    return value


class _Decoder:
    def __init__(self, buffers: list[memoryview]):
        self.buffers = buffers

    def buffer(self, index: Any, elements: int = 0, itemsize: int = 1) -> memoryview:
        if type(index) is not int or not 0 <= index < len(self.buffers):
            raise ValueError("a value refers to a buffer that was not sent")
        data = self.buffers[index]
        if elements * itemsize != len(data) and itemsize:
            raise ValueError(f"{elements} elements of {itemsize} bytes do not match the {len(data)} bytes sent")
        return data

    def dtype(self, name: Any) -> Any:
        import torch

        if name not in TORCH_DTYPES:
            raise ValueError(f"unknown dtype {name!r}")
        return getattr(torch, name)

    def tensor(self, node: dict) -> Any:
        import torch

        dtype, shape = self.dtype(node.get("dtype")), _ints(node.get("shape"), "a tensor's shape")
        elements = math.prod(shape)
        itemsize = torch.empty((), dtype=dtype).element_size()
        data = self.buffer(node.get("buffer"), elements, itemsize)
        if not elements:
            t = torch.empty(shape, dtype=dtype)
        else:  # a copy of its own: aligned, writable, and not keeping the whole reply alive
            t = torch.frombuffer(bytearray(data), dtype=dtype).reshape(shape)
        device = self.device(node.get("device"))
        if device.type == "cuda" and torch.cuda.is_available():
            t = t.to(device)
        if node.get("requires_grad") is True and (t.is_floating_point() or t.is_complex()):
            t.requires_grad_(True)
        return t

    def device(self, name: Any) -> Any:
        import torch

        if not isinstance(name, str) or len(name) > 32:
            raise ValueError("a device must be a short name")
        return torch.device(name)

    def numpy(self, node: dict) -> Any:
        import numpy as np

        if node.get("dtype") not in NUMPY_DTYPES:
            raise ValueError(f"unknown NumPy dtype {node.get('dtype')!r}")
        dtype = np.dtype(node["dtype"])
        if node[TAG] == "npscalar":
            value = self.value(node.get("value"), MAX_DEPTH)
            if type(value) not in (bool, int, float, complex):
                raise ValueError("a NumPy scalar must hold a number")
            return dtype.type(value)
        shape = _ints(node.get("shape"), "an array's shape")
        data = self.buffer(node.get("buffer"), math.prod(shape), dtype.itemsize)
        return np.frombuffer(data, dtype=dtype).reshape(shape).copy()

    def value(self, node: Any, depth: int = 0) -> Any:
        import torch

        if depth > MAX_DEPTH + 1:
            raise ValueError("nested too deeply")
        if node is None or type(node) in (bool, int, float, str):
            return node
        if type(node) is list:
            return [self.value(v, depth + 1) for v in node]
        if type(node) is not dict:
            raise ValueError("not plain data")
        tag = node.get(TAG)
        if tag == "tuple":
            return tuple(self.value(v, depth + 1) for v in self.items(node))
        if tag == "dict":
            pairs = self.items(node)
            if not all(type(p) is list and len(p) == 2 for p in pairs):
                raise ValueError("a dict must be a list of key, value pairs")
            return {self.value(k, depth + 1): self.value(v, depth + 1) for k, v in pairs}
        if tag == "complex" and type(node.get("re")) is float and type(node.get("im")) is float:
            return complex(node["re"], node["im"])
        if tag == "bytes":
            return bytes(self.buffer(node.get("buffer")))
        if tag == "tensor":
            return self.tensor(node)
        if tag == "meta":
            shape = _ints(node.get("shape"), "a tensor's shape")
            t = torch.empty(shape, dtype=self.dtype(node.get("dtype")), device="meta")
            return t.requires_grad_(True) if node.get("requires_grad") is True and t.is_floating_point() else t
        if tag == "layout":
            dims, dtype = tuple(_ints(node.get("shape"), "a tensor's shape")), str(node.get("dtype"))[:20]
            return Unsupported("torch.Tensor", f"tensor(layout={str(node.get('layout'))[:40]}, shape={dims}, "
                                               f"dtype={dtype})")
        if tag == "dtype":
            return self.dtype(node.get("name"))
        if tag == "device":
            return self.device(node.get("name"))
        if tag == "size":
            return torch.Size(_ints(node.get("dims"), "a size"))
        if tag in ("ndarray", "npscalar"):
            return self.numpy(node)
        if tag == "unsupported":
            return Unsupported(str(node.get("type"))[:200], str(node.get("repr"))[: MAX_REPR + 1])
        raise ValueError(f"unknown tag {str(tag)[:40]!r} in a worker's reply")

    @staticmethod
    def items(node: dict) -> list:
        items = node.get("items")
        if type(items) is not list:
            raise ValueError("a tuple or dict must hold a list of items")
        return items


def decode(payload: bytes | bytearray | memoryview) -> object:
    """Judge side: read bytes from a worker without running any of its code; ValueError
    for anything that is not plain data or does not add up."""
    view = memoryview(payload)
    if len(view) < _HEADER.size:
        raise ValueError("a reply shorter than its header")
    (length,) = _HEADER.unpack(view[: _HEADER.size])
    start = _HEADER.size + length
    try:
        header = json.loads(bytes(view[_HEADER.size : start]))
    except (ValueError, RecursionError) as e:
        raise ValueError(f"a malformed header ({type(e).__name__})") from None
    if type(header) is not dict or start > len(view):
        raise ValueError("a malformed header")
    sizes = header.get("sizes")
    if type(sizes) is not list or not all(type(s) is int and s >= 0 for s in sizes):
        raise ValueError("the buffer sizes must be a list of counts")
    if start + sum(sizes) != len(view):
        raise ValueError("the buffers do not add up to the bytes sent")
    buffers, offset = [], start
    for size in sizes:
        buffers.append(view[offset : offset + size])
        offset += size
    try:
        return _Decoder(buffers).value(header.get("tree"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
