"""Imported last by the worker template (see `sandbox.PRELOAD`), once torch and the rest are
loaded: it moves every object the template holds into the garbage collector's permanent
generation (`gc.freeze`).

Without it, the first full collection in each worker walks all of them: with torchvision
loaded, about 250 ms of CPU, and a copy of every memory page it touches (fork shares pages
until they are written, and a collection writes to each object's header)."""

import gc

gc.freeze()
