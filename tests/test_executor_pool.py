"""The default local pool: workers forked from the preloaded fork server still run with the
driver's environment as it is when the pool is made (a notebook may change TESSDATA_PREFIX
or PATH after its first run), single-threaded Tesseract, and are not the driver."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from digitize.executor import PRELOAD, local_pool_factory


def test_a_pool_made_after_an_environment_change_sees_the_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make = local_pool_factory(1)
    first = make()
    try:
        assert first.submit(os.getpid).result(timeout=120) != os.getpid()
    finally:
        first.shutdown()
    monkeypatch.setenv("CONGSO_DAU_MOC", "sau-lan-chay-dau")
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    pool = make()
    try:
        assert pool.submit(os.getenv, "CONGSO_DAU_MOC").result(timeout=120) == "sau-lan-chay-dau"
        assert pool.submit(os.getenv, "OMP_THREAD_LIMIT").result(timeout=120) == "1"
    finally:
        pool.shutdown()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork server and /proc")
def test_workers_come_from_a_fork_server_that_preloaded_the_pipeline() -> None:
    pool = local_pool_factory(1)()
    try:
        worker = pool.submit(os.getpid).result(timeout=120)
        parent = pool.submit(os.getppid).result(timeout=120)
    finally:
        pool.shutdown()
    assert parent != os.getpid()  # forked by the server, not by the driver
    cmdline = Path(f"/proc/{parent}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    assert "multiprocessing.forkserver" in cmdline
    assert all(module in cmdline for module in PRELOAD), cmdline
    assert worker != parent
