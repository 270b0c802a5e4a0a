"""The trust boundary: learner code runs only in workers, and nothing a worker does
reaches the judge, the template, another worker or the machine beyond what it is given.

    protocol.py  the messages that cross, and how they are framed and bounded
    codec.py     plain data from a worker, decoded at a cost bounded by what was sent
    client.py    the judge's side: `Sandbox` (a template and its scratch root), `Worker`
    prefork.py   the template that imports torch once and forks workers
    worker.py    the worker: gives everything up, then runs the kata
    confine.py   Landlock, the network filter, the environment, resource limits
    identity.py  never root: a uid of its own, no capabilities, a private /dev/shm
    probe.py     what of a test file crosses to the worker: a probe and what it uses
    proctree.py  killing a worker with everything it started
    scratch.py   the folders workers write in, and their removal

SECURITY.md describes the boundary as a whole.
"""

from .client import MEMORY_LIMIT, Sandbox, SandboxError, Worker, preload_for, unconfined_reason
from .protocol import describe_call
from .scratch import temporary_folder

__all__ = ["MEMORY_LIMIT", "Sandbox", "SandboxError", "Worker", "describe_call", "preload_for", "temporary_folder",
           "unconfined_reason"]
