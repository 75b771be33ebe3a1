"""deploy/congso_spawner.py: per-server cgroups that enforce mem_limit and cpu_limit.

The cgroup v1 tests write real cgroups (they need root and a writable /sys/fs/cgroup) and run
real processes in them. cgroup v2's memory and cpu controllers are bound to v1 on this
machine, so the v2 file layout is checked against a folder shaped like a v2 cgroupfs.
The spawner inside a real hub is tested in test_hub_e2e.py.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pwd
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
congso_spawner = pytest.importorskip("congso_spawner", reason="needs the hub extra (jupyterhub)")

from congso_spawner import (  # noqa: E402 - after the path to deploy/ is known
    Hierarchy,
    Limits,
    create_server_cgroups,
    find_hierarchies,
    join_preexec,
    remove_cgroups,
    rlimit_preexec,
)

MIB = 1024 * 1024
GIB = 1024 * MIB

HYBRID_MOUNTINFO = """\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
"""
HYBRID_CGROUP = """\
4:memory:/process_api/abc
2:cpu,cpuacct:/
0::/
"""


def test_a_hybrid_host_uses_the_v1_hierarchies_and_the_hubs_own_memory_cgroup() -> None:
    found = find_hierarchies(HYBRID_MOUNTINFO, HYBRID_CGROUP)
    assert found == {
        "cpu": Hierarchy(1, Path("/sys/fs/cgroup/cpu,cpuacct"), ""),
        "memory": Hierarchy(1, Path("/sys/fs/cgroup/memory"), "process_api/abc"),
    }
    assert found["memory"].resolve("congso-hub/annv") == Path(
        "/sys/fs/cgroup/memory/process_api/abc/congso-hub/annv"
    )
    assert found["memory"].resolve("/congso-hub/annv") == Path(
        "/sys/fs/cgroup/memory/congso-hub/annv"
    )


def test_a_v2_host_uses_the_unified_hierarchy_for_the_controllers_it_offers(
    tmp_path: Path,
) -> None:
    own = tmp_path / "system.slice" / "jupyterhub.service"
    own.mkdir(parents=True)
    (own / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    mountinfo = f"30 23 0:26 / {tmp_path} rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"
    found = find_hierarchies(mountinfo, "0::/system.slice/jupyterhub.service\n")
    assert found == {
        "memory": Hierarchy(2, tmp_path, "system.slice/jupyterhub.service"),
        "cpu": Hierarchy(2, tmp_path, "system.slice/jupyterhub.service"),
    }
    (own / "cgroup.controllers").write_text("pids\n")
    assert find_hierarchies(mountinfo, "0::/system.slice/jupyterhub.service\n") == {}


def test_in_a_cgroup_namespace_the_hub_is_placed_relative_to_the_mounted_root() -> None:
    mountinfo = "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
    assert find_hierarchies(mountinfo, "4:memory:/docker/abc/hub\n") == {
        "memory": Hierarchy(1, Path("/sys/fs/cgroup/memory"), "hub")
    }


def test_limits_translate_to_cfs_quota_and_need_only_their_controllers() -> None:
    assert Limits(512 * MIB, 0.5).cfs_quota_us() == 50_000
    assert Limits(cpus=2).cfs_quota_us() == 200_000
    assert Limits(cpus=0.001).cfs_quota_us() == 1_000  # the kernel's minimum
    assert Limits(memory_bytes=MIB).controllers() == ("memory",)
    assert Limits().controllers() == ()
    with pytest.raises(ValueError, match="cpus"):
        Limits(cpus=0)


def _fake_v2_cgroup(folder: Path, controllers: str = "memory cpu") -> None:
    """The files the kernel creates in a new v2 cgroup (a plain folder cannot make them)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cgroup.controllers").write_text(controllers + "\n")
    for name in ("cgroup.subtree_control", "cgroup.procs", "memory.max", "cpu.max"):
        (folder / name).touch()
    (folder / "memory.swap.max").write_text("max\n")


def test_on_v2_limits_go_to_memory_max_and_cpu_max_with_controllers_delegated(
    tmp_path: Path,
) -> None:
    own = tmp_path / "hub.service"
    for folder in (own, own / "congso-hub", own / "congso-hub" / "annv"):
        _fake_v2_cgroup(folder)
    hierarchy = Hierarchy(2, tmp_path, "hub.service")
    made = create_server_cgroups(
        {"memory": hierarchy, "cpu": hierarchy}, "congso-hub", "annv", Limits(GIB, 1.5)
    )
    assert made == (own / "congso-hub" / "annv",)  # one folder for both controllers
    assert (made[0] / "memory.max").read_text() == str(GIB)
    assert (made[0] / "memory.swap.max").read_text().startswith("0")
    assert (made[0] / "cpu.max").read_text() == "150000 100000"
    assert (own / "congso-hub" / "cgroup.subtree_control").read_text().startswith("+")
    assert (own / "cgroup.subtree_control").read_text().startswith("+")
    assert not (tmp_path / "cgroup.subtree_control").exists()  # above the hub: not touched


def test_without_a_memory_hierarchy_the_server_cgroup_is_refused() -> None:
    with pytest.raises(congso_spawner.CgroupUnavailable, match="memory"):
        create_server_cgroups({}, "congso-hub", "annv", Limits(GIB))


def test_the_rlimit_fallback_turns_a_big_allocation_into_memory_error() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "b = bytearray(600 * 2**20)"],
        preexec_fn=rlimit_preexec(300 * MIB, lambda: None),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "MemoryError" in done.stderr, done.stderr


def _why_no_v1() -> str | None:
    if os.geteuid() != 0:
        return "needs root to create cgroups"
    found = congso_spawner.host_hierarchies()
    if {h.version for h in found.values()} != {1} or set(found) != {"memory", "cpu"}:
        return f"needs cgroup v1 memory and cpu hierarchies, found {found}"
    probe = found["memory"].resolve(f"congso-probe-{secrets.token_hex(3)}")
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as error:
        return f"cgroups are not writable here: {error}"
    return None


_NO_V1 = _why_no_v1()
needs_v1 = pytest.mark.skipif(_NO_V1 is not None, reason=str(_NO_V1))


CgroupFactory = Callable[[Limits], tuple[Path, ...]]


@pytest.fixture
def make_cgroups() -> Iterator[CgroupFactory]:
    """Real server cgroups with given limits, under a throw-away parent removed afterwards."""
    parent = f"congso-test-{secrets.token_hex(3)}"
    found = congso_spawner.host_hierarchies()
    made: list[Path] = []

    def make(limits: Limits) -> tuple[Path, ...]:
        folders = create_server_cgroups(found, parent, f"annv{len(made)}", limits)
        made.extend(folders)
        return folders

    try:
        yield make
    finally:
        asyncio.run(remove_cgroups(made))
        for hierarchy in found.values():
            if hierarchy.resolve(parent).exists():
                hierarchy.resolve(parent).rmdir()


def _run_in(folders: tuple[Path, ...], code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=join_preexec(folders, lambda: None),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@needs_v1
def test_a_process_in_the_server_cgroup_is_killed_beyond_the_memory_limit(
    make_cgroups: CgroupFactory,
) -> None:
    server_cgroups = make_cgroups(Limits(128 * MIB, 1))
    memory, _ = server_cgroups
    assert (memory / "memory.limit_in_bytes").read_text().strip() == str(128 * MIB)
    small = _run_in(server_cgroups, "b = bytearray(32 * 2**20); print(len(b))")
    assert small.returncode == 0 and small.stdout.strip() == str(32 * MIB), small.stderr
    big = _run_in(server_cgroups, "b = bytearray(400 * 2**20); print('survived')")
    assert big.returncode == -signal.SIGKILL and "survived" not in big.stdout
    assert int((memory / "memory.max_usage_in_bytes").read_text()) <= 128 * MIB


@needs_v1
def test_a_busy_loop_in_the_server_cgroup_is_throttled_to_its_cpu_quota(
    make_cgroups: CgroupFactory,
) -> None:
    # A small quota: on two cores shared with other jobs, even a busy loop may get less than
    # half a core, and would then never meet a 0.5 quota.
    server_cgroups = make_cgroups(Limits(GIB, 0.05))
    _, cpu = server_cgroups
    assert (cpu / "cpu.cfs_quota_us").read_text().strip() == "5000"
    assert (cpu / "cpu.cfs_period_us").read_text().strip() == "100000"
    busy = _run_in(
        server_cgroups,
        "import time\n"
        "start = time.monotonic()\n"
        "while time.monotonic() - start < 1.5: pass\n"
        "print(time.process_time() / (time.monotonic() - start))",
    )
    assert busy.returncode == 0, busy.stderr
    stat = dict(line.split() for line in (cpu / "cpu.stat").read_text().splitlines())
    assert int(stat["nr_throttled"]) > 0, stat
    # An upper bound only: the machine's other load can lower the share, never raise it.
    assert float(busy.stdout) < 0.05 + 0.1, busy.stdout


@needs_v1
def test_removing_a_server_cgroup_kills_what_is_left_in_it(
    make_cgroups: CgroupFactory,
) -> None:
    server_cgroups = make_cgroups(Limits(GIB, 1))
    # The same preexec_fn the spawner gives Popen.
    enter = join_preexec(server_cgroups, lambda: None)
    orphan = subprocess.Popen(["sleep", "600"], preexec_fn=enter)  # noqa: PLW1509
    try:
        assert orphan.pid in [
            int(p) for p in (server_cgroups[0] / "cgroup.procs").read_text().split()
        ]
        started = time.monotonic()
        assert asyncio.run(remove_cgroups(server_cgroups))
        assert orphan.wait(timeout=10) == -signal.SIGKILL
        assert time.monotonic() - started < 10
        assert not any(folder.exists() for folder in server_cgroups)
    finally:
        if orphan.poll() is None:
            orphan.kill()
            orphan.wait()


def _spawner(parent: str, **limits: Any) -> Any:
    """A CgroupSpawner for this process's own account (the preexec_fn setuids to it)."""
    from types import SimpleNamespace

    user = SimpleNamespace(name=pwd.getpwuid(os.getuid()).pw_name, url="/user/x/")
    return congso_spawner.CgroupSpawner(user=user, cgroup_parent=parent, **limits)


def _allocate_with(preexec: Callable[[], None], mib: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", f"b = bytearray({mib} * 2**20); print('survived')"],
        preexec_fn=preexec,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@needs_v1
def test_the_spawner_starts_its_server_in_a_limited_cgroup_and_removes_it_on_stop() -> None:
    parent = f"congso-test-{secrets.token_hex(3)}"
    spawner = _spawner(parent, mem_limit="128M", cpu_limit=0.25)
    try:
        asyncio.run(spawner.prepare_limits())
        memory, cpu = spawner._cgroups
        assert (memory / "memory.limit_in_bytes").read_text().strip() == str(128 * MIB)
        assert (cpu / "cpu.cfs_quota_us").read_text().strip() == "25000"
        done = _allocate_with(spawner.make_preexec_fn(spawner.user.name), 400)
        assert done.returncode == -signal.SIGKILL and "survived" not in done.stdout
        asyncio.run(spawner.stop())  # no server process left: only the clean-up
        assert not memory.exists() and not cpu.exists()
    finally:
        found = congso_spawner.host_hierarchies()
        left = congso_spawner.server_cgroups(found, parent, spawner.user.name).values()
        asyncio.run(remove_cgroups(left))
        for hierarchy in found.values():
            if hierarchy.resolve(parent).exists():
                hierarchy.resolve(parent).rmdir()


def test_without_cgroups_the_spawner_warns_and_caps_each_process_with_rlimit_as(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A host without any memory or cpu hierarchy, as inside an unprivileged container.
    monkeypatch.setattr(congso_spawner, "host_hierarchies", dict)
    spawner = _spawner("congso-hub", mem_limit="300M", cpu_limit=1.0)
    # By default the spawner logs through traitlets' logger, which an earlier Application in
    # the same session may have disabled (logging.config): give it a logger of its own.
    spawner.log = logging.getLogger("congso.test_hub_limits")
    with caplog.at_level(logging.WARNING, logger=spawner.log.name):
        asyncio.run(spawner.prepare_limits())
    assert spawner._cgroups == () and spawner._rlimit_as == 300 * MIB
    assert "falling back to RLIMIT_AS" in caplog.text and "NOT enforced" in caplog.text
    done = _allocate_with(spawner.make_preexec_fn(spawner.user.name), 600)
    assert done.returncode == 1 and "MemoryError" in done.stderr, done.stderr


def test_without_limits_the_spawner_is_the_local_process_spawner() -> None:
    spawner = _spawner("congso-hub")
    asyncio.run(spawner.prepare_limits())
    assert spawner._cgroups == () and spawner._rlimit_as is None
    assert _allocate_with(spawner.make_preexec_fn(spawner.user.name), 64).returncode == 0
