"""A local-process spawner that enforces ``Spawner.mem_limit`` and ``Spawner.cpu_limit``.

JupyterHub's default ``LocalProcessSpawner`` only exports the limits as environment variables.
``CgroupSpawner`` starts every single-user server in a cgroup of its own, so the server and
every kernel or terminal it starts share one memory limit and one CPU quota:

- cgroup v1: ``memory.limit_in_bytes`` (and ``memory.memsw.limit_in_bytes`` where swap is
  accounted, so the limit cannot be dodged by swapping), ``cpu.cfs_quota_us`` over
  ``cpu.cfs_period_us``;
- cgroup v2: ``memory.max`` (``memory.swap.max`` 0) and ``cpu.max``.

The cgroups live under ``cgroup_parent`` (default ``congso-hub``) inside the hub's own cgroup,
so whatever limits the hub itself runs under still cover the users' servers. A server's
cgroup is emptied (leftover kernels are killed) and removed when the server stops, and
emptied before a new server of the same name starts.

When the cgroup files cannot be written (no root, a read-only ``/sys/fs/cgroup``, no memory
controller), the spawner logs a warning and falls back to ``RLIMIT_AS`` per process: weaker,
since every process of the server gets the whole amount, and no CPU limit at all.

On hosts with systemd as PID 1, ``systemdspawner`` (what TLJH uses) does the same through
systemd; see deploy/README.md. Only the standard library and JupyterHub are imported: the
hub may run from another environment than the suite.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import re
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

log = logging.getLogger(__name__)

CFS_PERIOD_US = 100_000
# The kernel refuses CFS quotas below 1 ms.
MIN_CFS_QUOTA_US = 1_000
# Leaf that takes the hub's own processes on cgroup v2, whose "no internal processes" rule
# forbids enabling controllers for children of a cgroup that holds processes.
V2_HUB_LEAF = "jupyterhub"
EMPTY_TIMEOUT_S = 10.0
CONTROLLERS = ("memory", "cpu")


class CgroupUnavailable(RuntimeError):
    """No writable cgroup hierarchy carries a controller that a limit needs."""


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """A mounted cgroup hierarchy and where the hub process sits in it.

    Attributes:
        version: 1 (one hierarchy per controller group) or 2 (the unified hierarchy).
        mount: where the hierarchy is mounted, e.g. ``/sys/fs/cgroup/memory``.
        own: the hub's cgroup, relative to ``mount`` (``""`` at the mount's root).
    """

    version: int
    mount: Path
    own: str

    def __post_init__(self) -> None:
        if self.version not in (1, 2):
            raise ValueError(f"cgroup version must be 1 or 2, got {self.version!r}")

    def resolve(self, relative: str) -> Path:
        """The folder of ``relative`` (absolute: from the root; otherwise under ``own``)."""
        if relative.startswith("/"):
            return self.mount / relative.strip("/")
        return self.mount / self.own / relative


@dataclass(frozen=True, slots=True)
class Limits:
    """What one single-user server may use.

    Attributes:
        memory_bytes: memory of the server and all its processes together, or None.
        cpus: CPU time per wall-clock time (0.5 = half a core), or None.
    """

    memory_bytes: int | None = None
    cpus: float | None = None

    def __post_init__(self) -> None:
        if self.memory_bytes is not None and self.memory_bytes <= 0:
            raise ValueError(f"memory_bytes must be positive, got {self.memory_bytes!r}")
        if self.cpus is not None and self.cpus <= 0:
            raise ValueError(f"cpus must be positive, got {self.cpus!r}")

    def controllers(self) -> tuple[str, ...]:
        """The cgroup controllers these limits need."""
        wanted = {"memory": self.memory_bytes is not None, "cpu": self.cpus is not None}
        return tuple(name for name in CONTROLLERS if wanted[name])

    def cfs_quota_us(self, period_us: int = CFS_PERIOD_US) -> int:
        """CPU microseconds allowed per period."""
        if self.cpus is None:
            return -1
        return max(MIN_CFS_QUOTA_US, round(self.cpus * period_us))


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in octal.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def find_hierarchies(mountinfo: str, proc_cgroup: str) -> dict[str, Hierarchy]:
    """Which hierarchy carries each controller, from /proc/self/mountinfo and /proc/self/cgroup.

    cgroup v1 mounts win over v2 for a controller they carry (on a hybrid host the v2
    hierarchy then lacks that controller anyway).
    """
    own_v1: dict[str, str] = {}
    own_v2 = "/"
    for line in proc_cgroup.splitlines():
        number, _, rest = line.partition(":")
        names, _, path = rest.partition(":")
        if number == "0" and not names:
            own_v2 = path
        for name in names.split(","):
            own_v1[name] = path
    found: dict[str, Hierarchy] = {}
    unified: tuple[Path, str] | None = None
    for line in mountinfo.splitlines():
        before, _, after = line.partition(" - ")
        fields, tail = before.split(), after.split()
        if len(fields) < 5 or len(tail) < 3:
            continue
        root, mount = _unescape(fields[3]), Path(_unescape(fields[4]))
        fstype, options = tail[0], tail[2].split(",")
        if fstype == "cgroup":
            for name in CONTROLLERS:
                if name in options and name in own_v1:
                    found[name] = Hierarchy(1, mount, _relative(own_v1[name], root))
        elif fstype == "cgroup2":
            unified = (mount, _relative(own_v2, root))
    if unified is not None:
        mount, own = unified
        available = _read(mount / own / "cgroup.controllers").split()
        for name in CONTROLLERS:
            if name not in found and name in available:
                found[name] = Hierarchy(2, mount, own)
    return found


def _relative(path: str, mount_root: str) -> str:
    """``path`` (from /proc/self/cgroup) relative to the folder a hierarchy is mounted from."""
    path, mount_root = path.rstrip("/") or "/", mount_root.rstrip("/") or "/"
    if mount_root == "/":
        return path.strip("/")
    if path == mount_root or path.startswith(mount_root + "/"):
        return path[len(mount_root) :].strip("/")
    # The hub sits outside what is mounted (another cgroup namespace): use the mount's root.
    return ""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii")
    except OSError:
        return ""


def _write(path: Path, value: str) -> None:
    # cgroup files take one value per write(2); open without truncation or buffering games.
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, value.encode("ascii"))
    finally:
        os.close(fd)


@cache
def host_hierarchies() -> dict[str, Hierarchy]:
    """This process's hierarchies, read once: on v2 the hub may move itself into a leaf."""
    return find_hierarchies(_read(Path("/proc/self/mountinfo")), _read(Path("/proc/self/cgroup")))


def server_cgroups(hierarchies: dict[str, Hierarchy], parent: str, name: str) -> dict[str, Path]:
    """The folder of server ``name`` for each controller (one folder for both on v2)."""
    return {
        controller: hierarchy.resolve(f"{parent.rstrip('/')}/{name}")
        for controller, hierarchy in hierarchies.items()
    }


def _enable_v2_controllers(hierarchy: Hierarchy, parent: str, controllers: Iterable[str]) -> None:
    """Delegate ``controllers`` from the hub's cgroup (or the root) down to ``parent``."""
    target = hierarchy.resolve(parent)
    target.mkdir(parents=True, exist_ok=True)
    # From the parent up to the hub's cgroup (or the root for an absolute parent): above
    # that, whoever delegated the hub's cgroup already enabled what it lists as available.
    top = hierarchy.mount if parent.startswith("/") else hierarchy.mount / hierarchy.own
    chain = [target, *target.parents]
    chain = chain[: chain.index(top) + 1] if top in chain else [target]
    wanted = " ".join(f"+{name}" for name in controllers)
    # Top down: a controller can be enabled in a child only once its parent enabled it.
    for folder in reversed(chain):
        enabled = _read(folder / "cgroup.subtree_control").split()
        if all(name.lstrip("+") in enabled for name in wanted.split()):
            continue
        try:
            _write(folder / "cgroup.subtree_control", wanted)
        except OSError as error:
            own = hierarchy.mount / hierarchy.own
            if error.errno != errno.EBUSY or folder != own or folder == hierarchy.mount:
                raise
            _move_processes(own, own / V2_HUB_LEAF)
            _write(folder / "cgroup.subtree_control", wanted)


def _move_processes(source: Path, dest: Path) -> None:
    dest.mkdir(exist_ok=True)
    for pid in _read(source / "cgroup.procs").split():
        try:
            _write(dest / "cgroup.procs", pid)
        except ProcessLookupError:
            continue
    log.info("Moved the hub's processes from %s into %s (cgroup v2 delegation)", source, dest)


def create_server_cgroups(
    hierarchies: dict[str, Hierarchy], parent: str, name: str, limits: Limits
) -> tuple[Path, ...]:
    """Make the cgroups of server ``name`` with ``limits`` written; their folders.

    Raises CgroupUnavailable when a needed controller is not mounted, OSError when the cgroup
    files cannot be written.
    """
    needed = limits.controllers()
    missing = [c for c in needed if c not in hierarchies]
    if missing:
        raise CgroupUnavailable(f"no cgroup hierarchy with the {', '.join(missing)} controller")
    folders = server_cgroups({c: hierarchies[c] for c in needed}, parent, name)
    for controller in needed:
        hierarchy, folder = hierarchies[controller], folders[controller]
        if hierarchy.version == 2:
            _enable_v2_controllers(hierarchy, parent, [controller])
        folder.mkdir(parents=True, exist_ok=True)
        if controller == "memory" and limits.memory_bytes is not None:
            _write_memory_limit(hierarchy.version, folder, limits.memory_bytes)
        elif controller == "cpu":
            _write_cpu_limit(hierarchy.version, folder, limits)
    return tuple(dict.fromkeys(folders.values()))


def _write_memory_limit(version: int, folder: Path, memory_bytes: int) -> None:
    if version == 1:
        _write(folder / "memory.limit_in_bytes", str(memory_bytes))
        # memsw exists only when the kernel accounts swap; it must be >= the memory limit.
        if (folder / "memory.memsw.limit_in_bytes").exists():
            _write(folder / "memory.memsw.limit_in_bytes", str(memory_bytes))
    else:
        _write(folder / "memory.max", str(memory_bytes))
        if (folder / "memory.swap.max").exists():
            _write(folder / "memory.swap.max", "0")


def _write_cpu_limit(version: int, folder: Path, limits: Limits) -> None:
    quota = limits.cfs_quota_us(CFS_PERIOD_US)
    if version == 1:
        _write(folder / "cpu.cfs_period_us", str(CFS_PERIOD_US))
        _write(folder / "cpu.cfs_quota_us", str(quota))
    else:
        _write(folder / "cpu.max", f"{quota} {CFS_PERIOD_US}")


def cgroup_pids(folder: Path) -> list[int]:
    """Processes in ``folder`` and the cgroups below it."""
    pids = [int(p) for p in _read(folder / "cgroup.procs").split()]
    if folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir():
                pids += cgroup_pids(child)
    return pids


async def remove_cgroups(folders: Iterable[Path], timeout_s: float = EMPTY_TIMEOUT_S) -> bool:
    """Kill what is left in ``folders`` (orphaned kernels) and remove them; True when gone."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    gone = True
    for folder in folders:
        if not folder.is_dir():
            continue
        while True:
            pids = cgroup_pids(folder)
            if not pids and _rmdir_tree(folder):
                break
            if loop.time() > deadline:
                log.warning("cgroup %s still holds processes %s; left in place", folder, pids)
                gone = False
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            await asyncio.sleep(0.1)
    return gone


def _rmdir_tree(folder: Path) -> bool:
    for child in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if child.is_dir():
            try:
                child.rmdir()
            except OSError:
                return False
    try:
        folder.rmdir()
    except FileNotFoundError:
        return True
    except OSError:
        return False  # EBUSY while a killed process has not left yet
    return True


def _cgroup_name(user: str, server: str) -> str:
    name = f"{user}-{server}" if server else user
    return re.sub(r"[^A-Za-z0-9_.@-]", "_", name)


def rlimit_preexec(memory_bytes: int | None, then: Callable[[], None]) -> Callable[[], None]:
    """A ``preexec_fn`` that caps the address space of the process, then runs ``then``."""

    def preexec() -> None:
        if memory_bytes is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        then()

    return preexec


def join_preexec(folders: Iterable[Path], then: Callable[[], None]) -> Callable[[], None]:
    """A ``preexec_fn`` that enters the cgroups ``folders``, then runs ``then`` (setuid).

    Runs between fork and exec, so everything the server later starts (kernels, terminals)
    is born inside the cgroups. Only raw os calls: the forked child of a threaded hub must not
    touch locks another thread may hold.
    """
    targets = [os.fsencode(folder / "cgroup.procs") for folder in folders]

    def preexec() -> None:
        pid = str(os.getpid()).encode("ascii")
        for target in targets:
            fd = os.open(target, os.O_WRONLY)
            try:
                os.write(fd, pid)
            finally:
                os.close(fd)
        then()

    return preexec


class CgroupSpawner(LocalProcessSpawner):  # type: ignore[misc]  # untyped base class
    """LocalProcessSpawner whose servers run in their own cgroup, with the hub's limits."""

    cgroup_parent = Unicode(
        "congso-hub",
        help="""Cgroup that holds one child cgroup per single-user server.

        A relative path is taken under the hub's own cgroup, so the servers also stay within
        whatever limits the hub runs under; an absolute path starts at each hierarchy's root.
        """,
    ).tag(config=True)

    _cgroups: tuple[Path, ...] = ()
    _rlimit_as: int | None = None

    def _limits(self) -> Limits:
        return Limits(self.mem_limit or None, self.cpu_limit or None)

    def _name(self) -> str:
        return _cgroup_name(self.user.name, self.name or "")

    def _own_cgroups(self) -> tuple[Path, ...]:
        folders = server_cgroups(host_hierarchies(), self.cgroup_parent, self._name())
        return tuple(dict.fromkeys(folders.values()))

    async def start(self) -> Any:
        await self.prepare_limits()
        return await super().start()

    async def prepare_limits(self) -> None:
        """Make this server's cgroups, or fall back to RLIMIT_AS with a warning."""
        self._cgroups, self._rlimit_as = (), None
        limits = self._limits()
        if not limits.controllers():
            return
        # start() runs only when no server of this name is running: whatever is still in its
        # cgroup was orphaned by the previous one and would eat the new one's memory.
        await remove_cgroups(self._own_cgroups())
        try:
            self._cgroups = create_server_cgroups(
                host_hierarchies(), self.cgroup_parent, self._name(), limits
            )
        except (OSError, CgroupUnavailable) as error:
            self._rlimit_as = limits.memory_bytes
            self.log.warning(
                "Cannot put %s's server in a cgroup (%s): falling back to RLIMIT_AS=%s per "
                "process, and cpu_limit=%s is NOT enforced. Run the hub as root with "
                "/sys/fs/cgroup writable, or use systemdspawner (deploy/README.md).",
                self.user.name,
                error,
                limits.memory_bytes,
                limits.cpus,
            )
        else:
            self.log.info(
                "%s's server runs in %s (memory %s bytes, %s CPUs)",
                self.user.name,
                ", ".join(map(str, self._cgroups)),
                limits.memory_bytes,
                limits.cpus,
            )

    def make_preexec_fn(self, name: str) -> Callable[[], None]:
        setuid = super().make_preexec_fn(name)
        if self._cgroups:
            return join_preexec(self._cgroups, setuid)
        if self._rlimit_as is not None:
            return rlimit_preexec(self._rlimit_as, setuid)
        return setuid  # type: ignore[no-any-return]

    async def poll(self) -> int | None:
        status = await super().poll()
        if status is not None and self._limits().controllers():
            # The server died on its own (e.g. killed when out of memory): free its cgroup.
            await remove_cgroups(self._own_cgroups())
        return status  # type: ignore[no-any-return]

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        if self._limits().controllers():
            await remove_cgroups(self._own_cgroups())
