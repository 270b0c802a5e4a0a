"""What a worker may touch, enforced by the kernel before any learner code runs.

On Linux 5.13+ the template, then each worker, confines itself with Landlock (no
privileges needed, inherited by every process started afterwards, irreversible):

- a worker may write only in its scratch folder, its private /dev/shm and the few device
  files a kata needs (/dev/null, /dev/full; GPU device files where they exist); the
  template, only in the scratch root that holds every worker's folder;
- both may read everything except the protected folders: the repository (solutions,
  tests, other katas, the progress database), the home folder, the temporary folder (other
  workers' scratch, other students' copied submissions), /dev and, under root, /proc, and
  any folder the judge names. Inside those they may still read what they need: Python and
  its packages, the `grader` package, the data folder, a handful of device and /proc files.
  A worker gets its kata file as an open file from the judge, so it reads no submission;
- neither may open TCP connections or listen (Linux 6.7+), nor signal or ptrace processes
  outside its own domain, such as the grader (Linux 6.12+).

A seccomp filter then takes network sockets away altogether (UDP too), and namespaces and
a few other kernel interfaces kata code never needs, with or without Landlock.

A worker's environment keeps only an allow-list of variables (no tokens, no secrets), and
it gets limits on memory, file size and the number of processes.
Where Landlock is missing, `landlock_abi()` is 0 and nothing is confined this way;
SECURITY.md says what that leaves open and how a container closes it.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable

try:
    import resource  # imported here, in the template, rather than in every worker
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

__all__ = ["landlock_abi", "landlock_rules", "restrict", "read_rules", "worker_env", "limit_resources",
           "filter_system_calls", "within", "ENV_ALLOWED", "DEVICES", "READ", "ALL"]

# -- the environment -----------------------------------------------------------------------
ENV_ALLOWED = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM", "LD_LIBRARY_PATH", "VIRTUAL_ENV",
               "CONDA_PREFIX", "SYSTEMROOT", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
               "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "CUDA_PATH", "NVIDIA_VISIBLE_DEVICES",
               "PYTORCH_CUDA_ALLOC_CONF", "CUBLAS_WORKSPACE_CONFIG", "TORCHKATA_LANG", "TMPDIR"}
ENV_ALLOWED_PREFIXES = ("LC_",)


def worker_env(environ: dict[str, str], scratch: str | None = None) -> dict[str, str]:
    """The allow-listed part of `environ`; HOME and TMPDIR point into the scratch folder."""
    env = {k: v for k, v in environ.items() if k in ENV_ALLOWED or k.startswith(ENV_ALLOWED_PREFIXES)}
    if scratch:
        env["HOME"] = env["TMPDIR"] = scratch
    return env


# -- resource limits -----------------------------------------------------------------------
def limit_resources(memory: int | None, file_size: int, processes: int, own_uid: bool = False) -> None:
    """Cap the data segment (heap, anonymous memory), the size of any file written and,
    unless running as root (exempt by the kernel), the processes and threads this user may
    add: on top of the ones it has, or, for a worker with a uid of its own (`own_uid`), on
    top of this one."""
    if resource is None:
        return

    def cap(which: int, value: int) -> None:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        if soft == resource.RLIM_INFINITY or soft > value:
            resource.setrlimit(which, (value, hard))

    if memory:
        cap(resource.RLIMIT_DATA, memory)
    cap(resource.RLIMIT_FSIZE, file_size)
    tasks = 1 if own_uid else _user_tasks() if hasattr(os, "geteuid") and os.geteuid() != 0 else 0
    if tasks:
        cap(resource.RLIMIT_NPROC, tasks + processes)


def _user_tasks() -> int:
    """Processes and threads of this user (RLIMIT_NPROC counts both); 0 without /proc."""
    uid = os.getuid()
    count = 0
    try:
        entries = [e for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.stat().st_uid == uid:
                count += len(os.listdir(f"/proc/{entry.name}/task"))
        except OSError:
            pass
    return count


# -- Landlock ------------------------------------------------------------------------------
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on every architecture
_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights, by the ABI version that introduced them.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_ABI1_ALL = (1 << 13) - 1  # execute ... make_sym
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
READ = EXECUTE | READ_FILE | READ_DIR
ALL = _ABI1_ALL | REFER | TRUNCATE | IOCTL_DEV  # whatever the kernel's ABI handles (masked in restrict)
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # rights a file rule may hold
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """The Landlock ABI version this kernel offers; 0 where there is none."""
    if not sys.platform.startswith("linux"):
        return 0
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(version), 0)


def _fs_rights(abi: int) -> int:
    rights = _ABI1_ALL
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


def within(path: str, folder: str) -> bool:
    """`path` is `folder` or lies inside it."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def read_rules(protected: Iterable[str], allowed: Iterable[str]) -> list[str]:
    """The paths to grant read access to: everything outside the protected folders, and
    inside them only the allowed paths."""
    protected = {os.path.realpath(p) for p in protected} - {"/"}  # never all of it
    allowed = {os.path.realpath(a) for a in allowed if os.path.exists(a)}
    rules: list[str] = []

    def grant(path: str) -> None:
        if path in protected:
            inside = [a for a in allowed if a != path and within(a, path)]
            for a in inside:
                if not any(b != a and within(a, b) for b in inside):  # else granted with b
                    grant(a)
        elif not any(p != path and within(p, path) for p in protected):
            rules.append(path)
        else:  # a folder above a protected one: grant its other children, one by one
            try:
                children = sorted(os.listdir(path))
            except OSError:
                return
            for child in map(os.path.join, [path] * len(children), children):
                real = os.path.realpath(child)  # a link to or into a protected folder is left out
                if real == child or not any(within(p, real) or within(real, p) for p in protected):
                    grant(child)

    grant("/")
    return rules


# Device files a kata may use, and how; every other file under /dev is out of reach.
DEVICES = {"/dev/null": READ | WRITE_FILE, "/dev/full": READ | WRITE_FILE, "/dev/zero": READ,
           "/dev/random": READ, "/dev/urandom": READ}
PROC_READABLE = ("cpuinfo", "meminfo", "stat", "sys", "driver")  # /proc under root: no other process's files


def landlock_rules(protected: Iterable[str], readable: Iterable[str], writable: Iterable[str]) -> list[tuple[str, int]]:
    """The (path, rights) a confined process keeps: read everything outside the protected
    folders (and the allowed paths inside them), write the `writable` folders (and
    /dev/shm), use the device files a kata needs. Computed once, by the template."""
    import glob

    protected = {*protected, "/dev"}
    readable = set(readable)
    if os.geteuid() == 0:  # root may read every process's environ
        protected.add("/proc")
        readable.update(f"/proc/{name}" for name in PROC_READABLE)
    rules = [(path, READ) for path in read_rules(protected, readable)]
    rules += list(DEVICES.items())
    rules += [(gpu, READ | WRITE_FILE | IOCTL_DEV) for gpu in sorted(glob.glob("/dev/nvidia*"))]
    rules += [(folder, ALL) for folder in ("/dev/shm", *writable)]
    return rules


def restrict(rules: list[tuple[str, int]], network: bool = True) -> None:
    """Allow only the given (path, rights) to this process from now on, and with
    `network=False` no TCP and no signals or abstract sockets out of it (as the ABI allows)."""
    abi = landlock_abi()
    fs = _fs_rights(abi)
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    attr = _RulesetAttr(fs, 0 if network or abi < 4 else NET_BIND_TCP | NET_CONNECT_TCP,
                        0 if network or abi < 6 else SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), f"landlock_create_ruleset: {os.strerror(ctypes.get_errno())}")
    try:
        for path, access in rules:
            _allow(libc, ruleset, path, access & fs)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or libc.syscall(
                _RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_restrict_self: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(ruleset)


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, access: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # gone since it was listed, or not there on this machine
    try:
        if not os.path.isdir(path):
            access &= _FILE_RIGHTS
        rule = _PathBeneathAttr(access, fd)
        if libc.syscall(_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_PATH_BENEATH),
                        ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_add_rule({path}): {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(fd)


# -- system calls (seccomp) ---------------------------------------------------------------
# A classic BPF filter, with or without Landlock (seccomp is Linux 3.5+), on x86-64 and arm64:
# - network sockets (AF_INET, AF_INET6, AF_PACKET) fail with EACCES: this closes UDP, which
#   Landlock does not cover; Unix sockets stay (multiprocessing, DataLoader workers);
# - namespaces (unshare, setns, clone with a CLONE_NEW* flag) fail with EPERM, and clone3,
#   whose flags a filter cannot read, with ENOSYS (C libraries then fall back to clone):
#   kata code has no use for them, and user namespaces are a large part of the kernel to
#   expose to a submission;
# - clone with CLONE_PARENT fails with EPERM: its process would be the template's child,
#   outside the worker's tree, and outlive it;
# - io_uring, bpf, perf_event_open, userfaultfd and the kernel keyring fail with EPERM, for
#   the same reason;
# - a system call from another architecture's table (x32, a foreign ABI) kills the process.
_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}  # AUDIT_ARCH_*
_SYSCALLS = {  # name: (x86-64, arm64)
    "socket": (41, 198), "clone": (56, 220), "clone3": (435, 435), "unshare": (272, 97), "setns": (308, 268),
    "io_uring_setup": (425, 425), "bpf": (321, 280), "perf_event_open": (298, 241), "userfaultfd": (323, 282),
    "keyctl": (250, 219), "add_key": (248, 217), "request_key": (249, 218),
}
_REFUSED = ("unshare", "setns", "io_uring_setup", "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key",
            "request_key")
_AF_BLOCKED = (2, 10, 17)  # AF_INET, AF_INET6, AF_PACKET
_CLONE_REFUSED = 0x7E028000  # CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET, CLONE_PARENT
_ALLOW, _KILL, _ERRNO = 0x7FFF0000, 0x80000000, 0x00050000  # SECCOMP_RET_*
_EPERM, _EACCES, _ENOSYS = 1, 13, 38


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(_SockFilter))]


def _program(arch: int, nr: dict[str, int]) -> list[tuple[int, int, int, int]]:
    """The filter as BPF instructions; jumps are written to labels and resolved at the end."""
    load, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06  # BPF_LD|W|ABS, BPF_JMP|{JEQ,JGE,JSET}|K, BPF_RET|K
    code: list[str | tuple[int, int | str, int | str, int]] = [  # a str alone is a label
        (load, 0, 0, 4), (jeq, 1, 0, arch), (ret, 0, 0, _KILL),  # seccomp_data.arch
        (load, 0, 0, 0), (jge, "eacces", 0, 0x40000000),  # seccomp_data.nr; x32
        *[(jeq, "eperm", 0, nr[name]) for name in _REFUSED],
        (jeq, "enosys", 0, nr["clone3"]), (jeq, "clone", 0, nr["clone"]), (jeq, "socket", 0, nr["socket"]),
        (ret, 0, 0, _ALLOW),
        "clone", (load, 0, 0, 16), (jset, "eperm", 0, _CLONE_REFUSED), (ret, 0, 0, _ALLOW),  # args[0]: flags
        "socket", (load, 0, 0, 16), *[(jeq, "eacces", 0, family) for family in _AF_BLOCKED],  # args[0]: family
        (ret, 0, 0, _ALLOW),
        "eperm", (ret, 0, 0, _ERRNO | _EPERM), "eacces", (ret, 0, 0, _ERRNO | _EACCES),
        "enosys", (ret, 0, 0, _ERRNO | _ENOSYS),
    ]
    labels: dict[str, int] = {}
    program: list[tuple[int, int | str, int | str, int]] = []
    for item in code:
        if isinstance(item, str):
            labels[item] = len(program)
        else:
            program.append(item)

    def jump(at: int, target: int | str) -> int:
        return labels[target] - at - 1 if isinstance(target, str) else target

    return [(op, jump(i, jt), jump(i, jf), k) for i, (op, jt, jf, k) in enumerate(program)]


def filter_system_calls() -> bool:
    """Install the filter above on this process and its future children; False (changing
    nothing) on an architecture it does not know."""
    import platform

    machine = platform.machine()
    if not sys.platform.startswith("linux") or machine not in _ARCH:
        return False
    column = 0 if machine == "x86_64" else 1
    program = _program(_ARCH[machine], {name: numbers[column] for name, numbers in _SYSCALLS.items()})
    filters = (_SockFilter * len(program))(*[_SockFilter(*op) for op in program])
    prog = _SockFprog(len(program), filters)
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or libc.prctl(
            22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        raise OSError(ctypes.get_errno(), f"seccomp: {os.strerror(ctypes.get_errno())}")
    return True
