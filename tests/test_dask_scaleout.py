"""The same batch on a Dask cluster: same outputs and catalog as the local pool, no page lost.

A real ``distributed.LocalCluster`` (two worker processes, ``TESSERACT=1`` each) serves the
quick tests; a real external ``dask scheduler`` and two ``dask worker`` processes serve the
``slow`` ones. Everything listens on 127.0.0.1 only, with bounded waits, and is stopped at
the end. Pages come from the engine tests' factory (``engine_scans.py``): small, 200 dpi.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_scans import FAST, cer, expected_text, make_scan

import digitize
from digitize import scaleout
from digitize.cli import main as digitize_main
from digitize.exceptions import BadArgumentsError, ClusterError, ExitCode, MissingDependencyError
from digitize.scaleout import RESOURCE, ClusterLayout, layout_of, worker_preflight

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
START_TIMEOUT = 90  # seconds for a scheduler or worker to come up on a loaded machine
PAGES_COLUMNS = (
    "doc_id, page_no, state, method, dpi, width, height, words, mean_confidence, "
    "expected_words, rotation, skew, flags, error, attempts, pdf, txt, hocr"
)


# ---------------------------------------------------------------------------------------
# What "the same result" means: catalog rows, text and hOCR byte for byte, ALTO and PDF
# byte for byte once their creation timestamps and PDF /ID are masked, and records.


def _mask_timestamps(data: bytes) -> bytes:
    data = re.sub(rb"D:\d{14}[^)>]*", b"D:", data)
    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<\"]*", b"T", data)
    return re.sub(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]", b"/ID", data)


def snapshot(kho: Path) -> dict[str, Any]:
    """Everything a run decides, minus times, run ids and timings."""
    with contextlib.closing(sqlite3.connect(kho / "catalog.sqlite")) as db:
        documents = sorted(
            db.execute(
                "SELECT id, relpath, source, kind, size, out_stem, page_count, state, error "
                "FROM documents"
            )
        )
        pages = sorted(db.execute(f"SELECT {PAGES_COLUMNS} FROM pages"))
        outputs = sorted(db.execute("SELECT path, doc_id, kind, sha256, size FROM outputs"))
        errors = sorted(db.execute("SELECT doc_id, page_no, relpath, reason FROM errors"))
    files = {}
    for path, _doc, kind, sha, _size in outputs:
        data = (kho / path).read_bytes()
        files[path] = sha if kind in ("txt", "hocr") else _mask_timestamps(data)
    return {
        "documents": documents,
        "pages": pages,
        "outputs": [o[:3] + o[4:] for o in outputs],  # checksums compared through files
        "files": files,
        "errors": errors,
    }


def records(kho: Path) -> list[Any]:
    """Metadata records built from the archive, without output checksums (timestamps)."""
    import dataclasses

    from digitize.records import build_records, list_records

    build_records(kho)
    out = []
    for record in list_records(kho, with_text=True):
        provenance = dataclasses.replace(record.provenance, outputs=())
        out.append(dataclasses.replace(record, provenance=provenance))
    return out


def assert_same_archive(local: Path, dask: Path) -> None:
    a, b = snapshot(local), snapshot(dask)
    for part in a:
        assert a[part] == b[part], part
    assert records(local) == records(dask)
    assert digitize.verify_archive(dask).ok


def _done_pages(kho: Path) -> int:
    catalog = kho / "catalog.sqlite"
    if not catalog.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(catalog, timeout=5)) as db:
            return int(db.execute("SELECT COUNT(*) FROM pages WHERE state='done'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


# ---------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, four pages: a dossier TIFF of two, a PNG, a scanned PDF."""
    src = tmp_path_factory.mktemp("dask-batch") / "scans"
    make_scan(src / "hs01" / "bien-ban.tif", "tiff", [1, 2])
    make_scan(src / "to-trinh.png", "png", [3])
    make_scan(src / "cong-van.pdf", "pdf", [4])
    return src


@pytest.fixture(scope="module")
def reference(batch: Path) -> Path:
    """The batch through the default local process pool."""
    kho = batch.parent / "kho-local"
    result = digitize.digitize_archive(batch, kho, FAST)
    assert result.ok, result.failures
    return kho


@pytest.fixture(scope="module")
def local_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real LocalCluster: two worker processes, one thread and one TESSERACT each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        resources={RESOURCE: 1},
        host=HOST,
        dashboard_address=f"{HOST}:0",
        local_directory=str(tmp_path_factory.mktemp("dask-scratch")),
    ) as cluster:
        yield cluster


def _die_with_parent() -> None:
    # A test process killed by a timeout must not leave a scheduler behind.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(scope="module")
def external_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker` processes, as IT staff would start them."""
    distributed = pytest.importorskip("distributed")
    root = tmp_path_factory.mktemp("dask-external")
    scheduler_file = root / "scheduler.json"
    env = {
        **os.environ,
        # Belt and braces against leftovers: an idle scheduler and orphaned workers exit.
        "DASK_DISTRIBUTED__SCHEDULER__IDLE_TIMEOUT": "300s",
    }
    procs: list[subprocess.Popen[bytes]] = []

    def start(*argv: str, log: str) -> None:
        with (root / log).open("wb") as out:
            procs.append(
                subprocess.Popen(
                    [str(BIN / "dask"), *argv],
                    cwd=root,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_die_with_parent,  # noqa: PLW1509 - only prctl
                )
            )

    try:
        start(
            "scheduler",
            "--host",
            HOST,
            "--port",
            "0",
            "--dashboard-address",
            f"{HOST}:0",
            "--scheduler-file",
            str(scheduler_file),
            log="scheduler.log",
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not scheduler_file.exists() and time.monotonic() < deadline:
            assert procs[0].poll() is None, (root / "scheduler.log").read_text()
            time.sleep(0.2)
        assert scheduler_file.exists(), "the scheduler did not start in time"
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith(f"tcp://{HOST}:")
        for n in (1, 2):
            start(
                "worker",
                address,
                "--host",
                HOST,
                "--nthreads",
                "1",
                "--resources",
                f"{RESOURCE}=1",
                "--no-dashboard",
                "--death-timeout",
                "60",
                "--local-directory",
                str(root / f"w{n}"),
                "--name",
                f"may-{n}",
                log=f"worker-{n}.log",
            )
        with distributed.Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address
    finally:
        _stop(procs[::-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------------------------------
# Without a cluster


def test_without_dask_the_error_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"pip install -e \.\[dask\]") as info:
        scaleout.connect(f"tcp://{HOST}:1")
    assert info.value.exit_code is ExitCode.MISSING_DEPENDENCY


def test_a_malformed_address_is_a_bad_argument() -> None:
    pytest.importorskip("distributed")
    with pytest.raises(BadArgumentsError, match="tcp://MÁY:CỔNG"):
        scaleout.connect("tcp://máy chủ:8786")


def test_an_unreachable_scheduler_stops_the_cli_with_a_vietnamese_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(scaleout, "CONNECT_TIMEOUT", 1.0)
    make_scan(tmp_path / "src" / "a.png", "png")
    address = f"tcp://{HOST}:{_free_port()}"
    code = digitize_main(
        ["run", str(tmp_path / "src"), "--out", str(tmp_path / "kho"), "--scheduler", address]
    )
    assert code == ExitCode.CLUSTER_UNAVAILABLE
    err = capsys.readouterr().err
    assert f"Không kết nối được tới Dask scheduler {address}" in err
    assert "dask scheduler" in err
    assert not (tmp_path / "kho").exists(), "nothing is started before the cluster answers"


def test_layout_gives_one_slot_per_tesseract_unit() -> None:
    """Slots follow the TESSERACT resource; workers without it get no page and are named."""
    both = {
        "tcp://a:1": {"nthreads": 4, "resources": {RESOURCE: 4}},
        "tcp://b:1": {"nthreads": 2, "resources": {RESOURCE: 2}},
    }
    assert layout_of(both) == ClusterLayout(2, 6, {RESOURCE: 1})
    mixed = {**both, "tcp://c:1": {"nthreads": 8, "resources": {}}}
    assert layout_of(mixed).without_resource == ("tcp://c:1",)
    assert layout_of(mixed).slots == 6
    bare = {"tcp://c:1": {"nthreads": 3, "resources": {}}, "tcp://d:1": {"nthreads": 1}}
    assert layout_of(bare) == ClusterLayout(2, 4, None)


def test_worker_preflight_reports_every_problem(tmp_path: Path) -> None:
    """A worker that cannot see the coordinator's archive (a local look-alike) is caught."""
    (tmp_path / "kho").mkdir()
    problems = worker_preflight(
        "tesseract", "/khong/co/tesseract", "vie", [str(tmp_path / "khong-co")], str(tmp_path)
    )
    assert len(problems) == 3
    assert "Tesseract" in problems[0]
    assert "không đọc được" in problems[1]
    assert "không thấy thư mục kho" in problems[2]


class FakeTask:
    """Just enough of a ``distributed.Future`` for ``_settle``."""

    def __init__(self, status: str, value: Any = None, error: BaseException | None = None):
        self.status, self.key, self._value, self._error = status, "process_page-1", value, error

    def result(self) -> Any:
        return self._value

    def exception(self) -> BaseException | None:
        return self._error


def test_task_outcomes_map_to_what_the_task_runner_understands() -> None:
    """A killed-worker task is a crashed page; a cancelled one (scheduler lost) breaks the pool."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    distributed = pytest.importorskip("distributed")
    from digitize.executor import WorkerCrashed

    def settle(task: FakeTask) -> Future[Any]:
        outer: Future[Any] = Future()
        scaleout._settle(outer, task)
        return outer

    assert settle(FakeTask("finished", 42)).result() == 42
    assert isinstance(settle(FakeTask("error", error=ValueError("x"))).exception(), ValueError)
    killed = FakeTask("error", error=distributed.KilledWorker("process_page-1", None, 3))
    assert isinstance(settle(killed).exception(), WorkerCrashed)
    assert isinstance(settle(FakeTask("cancelled")).exception(), BrokenProcessPool)


class FakeClient:
    status = "closed"

    def scheduler_info(self, n_workers: int = -1) -> dict[str, Any]:
        return {"workers": {}}


def test_a_lost_scheduler_that_does_not_come_back_stops_the_run_resumably(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(scaleout, "CONNECT_TIMEOUT", 0.5)
    address = f"tcp://{HOST}:{_free_port()}"
    cluster = scaleout.DaskCluster(FakeClient(), address, owns_client=True)  # type: ignore[arg-type]
    with pytest.raises(ClusterError, match="Mất kết nối tới Dask scheduler") as info:
        cluster()
    assert "chạy lại cùng lệnh" in str(info.value)


# ---------------------------------------------------------------------------------------
# LocalCluster


@pytest.mark.tesseract
def test_a_local_cluster_run_matches_the_local_pool(
    batch: Path, reference: Path, local_cluster: Any
) -> None:
    """Same pages, same catalog rows, same text/hOCR bytes, same records as the pool."""
    kho = batch.parent / "kho-localcluster"
    result = digitize.digitize_archive(
        batch, kho, {**FAST, "scheduler": local_cluster.scheduler_address}
    )
    assert result.ok, result.failures
    assert result.pages_processed == 4
    assert_same_archive(reference, kho)
    log = (kho / "digitize.log").read_text("utf-8")
    assert "Cụm Dask" in log and "bảng theo dõi: http://127.0.0.1:" in log


@pytest.mark.tesseract
def test_the_cluster_summary_names_workers_slots_and_dashboard(local_cluster: Any) -> None:
    line = scaleout.cluster_summary(local_cluster.scheduler_address)
    assert "2 worker, 2 trang chạy song song" in line
    assert "bảng theo dõi: http://127.0.0.1:" in line


@pytest.mark.tesseract
def test_preflight_on_the_cluster_lists_each_worker(tmp_path: Path, local_cluster: Any) -> None:
    with (
        scaleout.connect(local_cluster.scheduler_address) as cluster,
        pytest.raises(ClusterError) as info,
    ):
        scaleout.preflight(
            cluster,
            digitize.DigitizeOptions(),
            readable=(tmp_path / "khong-co",),
            archive=tmp_path,
        )
    message = str(info.value)
    assert message.count("không đọc được") == 2
    assert "thư mục dùng chung" in message
    assert not (tmp_path / scaleout.PROBE_NAME).exists()


def _kill_a_busy_worker(address: str, killed: list[int], stop: threading.Event) -> None:
    """Kill -9 the first worker seen running a page (its nanny starts a new one)."""
    import distributed

    with distributed.Client(address, timeout=30, set_as_default=False) as client:
        pids = client.run(os.getpid)
        deadline = time.monotonic() + 120
        while not stop.is_set() and time.monotonic() < deadline:
            busy = [
                w
                for w, keys in client.processing().items()
                if any(str(k).startswith("process_page-") for k in keys)
            ]
            if busy:
                killed.append(pids[busy[0]])
                os.kill(pids[busy[0]], signal.SIGKILL)
                return
            time.sleep(0.02)


def _batch_survives_a_killed_worker(tmp_path: Path, address: str) -> None:
    """Six pages; a worker is killed -9 while running one; every page is done once."""
    src = tmp_path / "src"
    make_scan(src / "dai.tif", "tiff", list(range(1, 7)))
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_a_busy_worker, args=(address, killed, stop))
    killer.start()
    try:
        result = digitize.digitize_archive(src, tmp_path / "kho", {**FAST, "scheduler": address})
    finally:
        stop.set()
        killer.join(30)
    assert killed, "no worker was seen busy, so none was killed"
    assert result.ok, result.failures
    with contextlib.closing(sqlite3.connect(tmp_path / "kho" / "catalog.sqlite")) as db:
        rows = list(db.execute("SELECT page_no, state, attempts FROM pages ORDER BY page_no"))
        outputs = db.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM outputs").fetchone()
    assert rows == [(n, "done", 1) for n in range(1, 7)]
    assert outputs == (4, 4)
    text = result.documents[0].outputs["txt"].read_text("utf-8").split("\f")
    assert len(text) == 6
    assert all(cer(expected_text(n), t) < 0.02 for n, t in enumerate(text, 1))
    assert digitize.verify_archive(tmp_path / "kho").ok


@pytest.mark.tesseract
def test_a_worker_killed_mid_batch_loses_no_page_and_doubles_none(
    tmp_path: Path, local_cluster: Any
) -> None:
    _batch_survives_a_killed_worker(tmp_path, local_cluster.scheduler_address)


# ---------------------------------------------------------------------------------------
# External scheduler and workers


@pytest.mark.tesseract
@pytest.mark.slow
def test_external_workers_through_the_cli_match_the_local_pool(
    batch: Path,
    reference: Path,
    external_cluster: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kho = batch.parent / "kho-external"
    argv = ["run", str(batch), "--out", str(kho), "--scheduler", external_cluster]
    code = digitize_main([*argv, "--jobs", "2", "--no-preprocess", "--no-progress"])
    out = capsys.readouterr().out
    assert code == ExitCode.OK, out
    assert f"Cụm Dask {external_cluster}: 2 worker, 2 trang chạy song song" in out
    assert "bảng theo dõi: http://127.0.0.1:" in out
    assert_same_archive(reference, kho)


@pytest.mark.tesseract
@pytest.mark.slow
def test_a_killed_coordinator_resumes_on_the_cluster_with_the_same_command(
    tmp_path: Path, external_cluster: str
) -> None:
    """kill -9 the CLI mid-batch; the same command finishes the rest, nothing doubled."""
    src = tmp_path / "src"
    make_scan(src / "dai.tif", "tiff", list(range(1, 9)))
    make_scan(src / "ngan.png", "png", [1])
    kho = tmp_path / "kho"
    argv = [str(BIN / "digitize"), "run", str(src), "--out", str(kho)]
    argv += ["--scheduler", external_cluster, "--no-preprocess", "--no-progress"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _done_pages(kho) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.kill()
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    before = _done_pages(kho)
    assert 2 <= before < 9, "the coordinator should have died mid-batch"

    assert digitize_main(argv[1:]) == ExitCode.OK
    with contextlib.closing(sqlite3.connect(kho / "catalog.sqlite")) as db:
        rows = list(db.execute("SELECT state, attempts FROM pages"))
        last_run = db.execute("SELECT pages FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        outputs = db.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM outputs").fetchone()
    assert rows == [("done", 1)] * 9, "every page done, none recorded twice"
    assert last_run == 9 - before
    assert outputs == (8, 8)
    tif = next(d for d in digitize.archive_status(kho).documents if d.relpath == "dai.tif")
    pages = tif.outputs["txt"].read_text("utf-8").split("\f")
    assert all(cer(expected_text(n), t) < 0.02 for n, t in enumerate(pages, 1))
    assert digitize.verify_archive(kho).ok


@pytest.mark.tesseract
@pytest.mark.slow
def test_an_external_worker_killed_mid_batch_loses_no_page_and_doubles_none(
    tmp_path: Path, external_cluster: str
) -> None:
    """As on the LocalCluster: the `dask worker` nanny starts a new worker process."""
    _batch_survives_a_killed_worker(tmp_path, external_cluster)
