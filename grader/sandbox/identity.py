"""Who a worker is: never root, without capabilities, with a /dev/shm of its own.

The template calls `isolate_template` once, before it confines itself (Landlock forbids
mounting afterwards): it moves into a mount namespace of its own, where /dev/shm is a
private tmpfs that no other process on the machine sees, and which disappears with it.

In the same namespace the protected folders (the repository, home, the temporary folder,
the submissions) are covered with an empty tmpfs, with only what workers need bound back
inside, and so are the folders where other programs keep their Unix sockets (`/run`:
docker.sock, the D-Bus buses; X11's): Landlock cannot stop a connect() to a socket file
(the learner's gpg-agent, tmux or ssh-agent), an empty folder can.

- Under a root judge (a container, CI), each worker then calls `become_unprivileged`: a
  uid and gid of its own (`UID_BASE + pid`, unique among live workers), no supplementary
  groups, every capability dropped from all its sets, `no_new_privs`. Root-only files
  (/etc/shadow, /dev/kvm, disks) are out of its reach, another worker's files and
  processes are another user's, and RLIMIT_NPROC counts its own processes only. Where the
  Python it needs lies below a folder only root may enter (pyenv in /root), the template
  covers that folder with a tmpfs holding just what is needed (`make_reachable`).
- Under a regular user, the namespace comes from a user namespace that maps the user to
  itself; the template then gives up the capabilities it held there.

A worker's files in /dev/shm are removed when it ends (`clear_shm`). Where namespaces are
not allowed (some containers), /dev/shm stays the machine's; SECURITY.md says what that
leaves open.
"""

from __future__ import annotations

import ctypes
import os
import stat
from collections.abc import Iterable

from .confine import within

__all__ = ["UID_BASE", "isolate_template", "become_unprivileged", "clear_shm", "drop_capabilities",
           "make_reachable", "unreadable_for_others"]

UID_BASE = 0x7000_0000  # worker uids: above the ranges of users, systemd and containers, below 2**31
SHM = "/dev/shm"
# Folders of other programs' Unix sockets (docker.sock, the D-Bus buses, X11): Landlock does
# not govern connect() on a socket file, so the template's namespace covers them, empty.
SOCKET_FOLDERS = ("/run", "/var/run", "/tmp/.X11-unix", "/tmp/.ICE-unix")
FIX = ("Run grade as a regular user, or install Python and the course where every user may read them "
       "(e.g. /usr/local, /opt); a learner grading only their own code may set TORCHKATA_NO_CONFINE=1")
SHM_OPTIONS = b"mode=1777,size=1g,nr_inodes=16384"
_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
_PR_CAPBSET_READ, _PR_CAPBSET_DROP = 23, 24
_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_IS_SET, _PR_CAP_AMBIENT_CLEAR_ALL = 47, 1, 4
_CAP_VERSION_3 = 0x20080522


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: bytes | None = None) -> None:
    def encode(text: str | None) -> bytes | None:
        return text.encode() if text is not None else None

    _check(_libc().mount(encode(source), encode(target), encode(fstype), flags, data), f"mount {target}")


# -- the template --------------------------------------------------------------------------
def isolate_template(needed: Iterable[str], reach: Iterable[str] = (), hidden: Iterable[str] = ()) -> str:
    """Give this process (the template) a mount namespace: a private /dev/shm; the `hidden`
    folders and the folders of other programs' sockets covered, with only what workers need
    (`needed` to read, `reach` to enter) bound back inside; and under root, whatever lies
    below a folder only root may enter made reachable. Returns "" on success, else why
    /dev/shm stays shared (the template carries on). Raises OSError when a root judge's
    workers could not run unprivileged."""
    root = os.geteuid() == 0
    needed, reach = [os.path.realpath(p) for p in needed], [os.path.realpath(p) for p in reach]
    if not root and not _user_namespace_works():
        return "this system does not allow user namespaces"
    try:
        if root:
            _check(_libc().unshare(_CLONE_NEWNS), "unshare")
        else:
            _enter_user_namespace()
        _mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing mounted here reaches the machine
        _mount("tmpfs", SHM, "tmpfs", _MS_NOSUID | _MS_NODEV, SHM_OPTIONS)
        covered: list[str] = []
        for folder in sorted({os.path.realpath(f) for f in [*hidden, *SOCKET_FOLDERS] if os.path.isdir(f)}, key=len):
            if not any(within(folder, c) and not any(within(folder, k) for k in needed + reach) for c in covered):
                _cover(folder, needed + reach)
                covered.append(folder)
        shared = ""
    except OSError as e:
        if not root:
            raise
        shared = f"no mount namespace ({e.strerror})"
    if root:
        make_reachable(needed, reach, covering=not shared)
    else:
        drop_capabilities()
    return shared


def _cover(folder: str, keep: Iterable[str]) -> None:
    """Mount an empty tmpfs on `folder`, with the paths of `keep` inside it bound back in place."""
    inside = sorted(p for p in keep if p != folder and within(p, folder) and os.path.exists(p))
    inside = [p for p in inside if not any(q != p and within(p, q) for q in inside)]  # bound with an outer one
    handles = {p: os.open(p, os.O_PATH | os.O_CLOEXEC) for p in inside}  # before the tmpfs hides them
    _mount("tmpfs", folder, "tmpfs", _MS_NOSUID | _MS_NODEV, b"mode=0755,size=1m")
    for path, fd in handles.items():
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(path, mode=0o755, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
            open(path, "a").close()
        _mount(f"/proc/self/fd/{fd}", path, None, _MS_BIND | _MS_REC)
        os.close(fd)


def _enter_user_namespace() -> None:
    uid, gid = os.getuid(), os.getgid()
    _check(_libc().unshare(_CLONE_NEWUSER | _CLONE_NEWNS), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)


def _user_namespace_works() -> bool:
    """Try the user namespace in a throwaway child: a half-made one would leave this
    process with an unmapped uid."""
    pid = os.fork()
    if pid == 0:
        try:
            _enter_user_namespace()
            _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
            _mount("tmpfs", SHM, "tmpfs", _MS_NOSUID | _MS_NODEV, SHM_OPTIONS)
            os._exit(0)
        except BaseException:  # noqa: BLE001 - any failure means no
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def _others_may(path: str, bits: int) -> bool:
    try:
        return os.stat(path).st_mode & bits == bits
    except OSError:
        return True  # not there: nothing to make reachable


def unreadable_for_others(needed: Iterable[str]) -> list[str]:
    """The needed paths that another user could not read (after the folders above them are
    made reachable): these cannot be fixed by a view, only by their permissions."""
    bad = []
    for path in needed:
        is_dir = os.path.isdir(path)
        if os.path.exists(path) and not _others_may(path, stat.S_IROTH | (stat.S_IXOTH if is_dir else 0)):
            bad.append(path)
    return bad


def make_reachable(needed: Iterable[str], reach: Iterable[str] = (), covering: bool = True) -> None:
    """Let other users read every `needed` path and enter every `reach` folder: each folder
    above one that they may not enter (e.g. /root, mode 700) is covered with a tmpfs holding
    only those paths, bound back in place. Raises OSError naming a path left out of reach."""
    needed = sorted({os.path.realpath(p) for p in needed if os.path.exists(p)})
    keep = sorted({*needed, *(os.path.realpath(p) for p in reach if os.path.exists(p))})
    blockers: dict[str, list[str]] = {}
    for path in keep:
        parts = path.split("/")[1:-1]
        ancestors = ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
        blocker = next((a for a in ancestors if not _others_may(a, stat.S_IXOTH)), None)
        if blocker is not None:
            blockers.setdefault(blocker, []).append(path)
    if blockers and not covering:
        first = next(iter(blockers))
        raise OSError(13, f"workers cannot run unprivileged: other users may not enter {first}, which holds "
                          f"{blockers[first][0]}, and this system allows no mount namespace to fix that. {FIX}")
    for blocker, paths in blockers.items():
        _cover(blocker, paths)
    bad = unreadable_for_others(needed)
    if bad:
        raise OSError(13, f"workers cannot run unprivileged: other users may not read {bad[0]}. {FIX}")


# -- the worker ----------------------------------------------------------------------------
def _clear_bounding_and_ambient() -> None:
    libc = _libc()
    for cap in range(64):  # the bounding set can only shrink, and only while CAP_SETPCAP is held
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:  # EINVAL: past the last
            break
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)


def drop_capabilities() -> None:
    """Empty every capability set of this process: bounding, ambient, effective, permitted,
    inheritable (in its user namespace, for a regular user's template)."""
    _clear_bounding_and_ambient()
    header = (ctypes.c_uint32 * 2)(_CAP_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(_libc().capset(header, data), "capset")


def become_unprivileged(scratch: str) -> int:
    """Root only: switch this worker to its own uid and gid, owning `scratch`, with no
    capabilities; returns the uid. Checked afterwards, not trusted."""
    uid = UID_BASE + os.getpid()
    for folder, dirs, files in os.walk(scratch):  # with what an earlier worker of this kata left there
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.lchown(name, uid, uid)
    _clear_bounding_and_ambient()
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # from root to a user: the kernel clears every other capability set
    _check(_libc().prctl(38, 1, 0, 0, 0), "no_new_privs")  # PR_SET_NO_NEW_PRIVS
    _verify(uid)
    return uid


def _verify(uid: int) -> None:
    """Ask the kernel (not /proc, which Landlock may hide) what this process kept."""
    libc = _libc()
    header = (ctypes.c_uint32 * 2)(_CAP_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(libc.capget(header, data), "capget")
    bounding = [cap for cap in range(64) if libc.prctl(_PR_CAPBSET_READ, cap, 0, 0, 0) == 1]
    ambient = [cap for cap in range(64) if libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1]
    ids = {*os.getresuid(), *os.getresgid()}
    if ids != {uid} or any(data) or bounding or ambient or os.getgroups():
        raise OSError(1, f"the worker kept privileges (ids {sorted(ids)}, capabilities {list(data)}, "
                         f"bounding {bounding}, ambient {ambient})")


def clear_shm(uid: int | None) -> None:
    """Remove what a finished worker left in /dev/shm: the files of `uid`, or (None, a
    private /dev/shm whose workers share the judge's uid) everything."""
    try:
        entries = list(os.scandir(SHM))
    except OSError:
        return
    for entry in entries:
        try:
            if uid is None or entry.stat(follow_symlinks=False).st_uid == uid:
                if entry.is_dir(follow_symlinks=False):
                    import shutil

                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
        except OSError:
            pass
