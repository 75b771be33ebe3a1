"""Run a batch's page tasks on a Dask cluster instead of the local process pool.

The orchestrator (``digitize.pipeline``) stays in the coordinating process and remains the
only writer of the catalog; this module only supplies an executor. The same picklable page
and assembly tasks travel to Dask workers as small descriptions (paths and numbers): images
and outputs live on storage every worker reads and writes at the same path (e.g. NFS).

Each task asks the workers for one unit of the ``TESSERACT`` resource, so a worker started
with ``--resources TESSERACT=1`` runs one page at a time whatever its thread count; that
keeps one Tesseract per core. A worker killed mid-task has its tasks rescheduled by Dask; a
task that kills several workers in a row (Dask's ``allowed-failures``) fails as a crashed
page, like a page that kills the local pool twice. Losing the scheduler fails the run with
the pages still pending, so the same command resumes it.

Dask is an optional extra (``pip install -e .[dask]``): importing this module never needs
it, the functions that talk to a cluster do.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import secrets
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from digitize.exceptions import (
    BadArgumentsError,
    ClusterError,
    DigitizeError,
    MissingDependencyError,
)
from digitize.executor import WorkerCrashed
from digitize.options import DigitizeOptions

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "RESOURCE",
    "ClusterLayout",
    "DaskCluster",
    "cluster_summary",
    "connect",
    "executor_for_run",
]

log = logging.getLogger(__name__)

RESOURCE = "TESSERACT"  # worker resource: one unit per core, one page task holds one unit
INSTALL_HINT = "pip install -e .[dask]"
CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler before saying it is unreachable
WORKERS_TIMEOUT = 30.0  # seconds to wait for a first worker (workers may still be starting)
PROBE_NAME = ".dask-probe"


def _distributed() -> Any:
    """The ``distributed`` module, or a MissingDependencyError naming the install command."""
    try:
        import distributed
    except ImportError as e:
        raise MissingDependencyError(
            "Chưa cài Dask nên không chạy được trên cụm máy (--scheduler). Cài đặt: "
            f"{INSTALL_HINT} (bash tasks.sh setup đã cài sẵn), hoặc bỏ --scheduler để chạy "
            "trên máy này."
        ) from e
    return distributed


def _check_address(address: str) -> str:
    address = address.strip()
    if not address or any(c.isspace() for c in address):
        raise BadArgumentsError(
            f"Địa chỉ scheduler không hợp lệ: {address!r}; dạng đúng: tcp://MÁY:CỔNG "
            "(ví dụ tcp://10.0.0.5:8786)."
        )
    return address


@dataclass(frozen=True, slots=True)
class ClusterLayout:
    """What the scheduler reported about its workers when we looked.

    Attributes:
        workers: number of connected workers.
        slots: page tasks that can run at once (sum of the ``TESSERACT`` resource, or of
            worker threads when no worker declares it).
        resources: what each task asks for (``{"TESSERACT": 1}``), or None when no worker
            declares the resource (then one task runs per worker thread).
        without_resource: addresses of workers that do not declare ``TESSERACT`` while
            others do: they receive no page.
    """

    workers: int
    slots: int
    resources: dict[str, float] | None
    without_resource: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.workers < 0 or self.slots < 0:
            raise ValueError("workers and slots must be ≥ 0")


def _scheduler_workers(client: Client) -> dict[str, dict[str, Any]]:
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:  # distributed before 2025.4 always returns every worker
        info = client.scheduler_info()
    return dict(info.get("workers", {}))


def layout_of(workers: dict[str, dict[str, Any]]) -> ClusterLayout:
    """Slots and task resources from the scheduler's worker table."""
    declared = {
        addr: float((w.get("resources") or {}).get(RESOURCE, 0)) for addr, w in workers.items()
    }
    with_resource = {a: n for a, n in declared.items() if n >= 1}
    if with_resource:
        return ClusterLayout(
            workers=len(workers),
            slots=sum(int(n) for n in with_resource.values()),
            resources={RESOURCE: 1},
            without_resource=tuple(sorted(set(workers) - set(with_resource))),
        )
    threads = sum(int(w.get("nthreads", 1) or 1) for w in workers.values())
    return ClusterLayout(workers=len(workers), slots=threads, resources=None)


# ---------------------------------------------------------------------------------------
# Code that runs on the workers. Module-level functions, so Dask pickles them by reference
# and every worker must have this package installed (which the preflight checks).


@functools.cache
def _setup_worker() -> None:
    """Once per worker process: one thread for Tesseract, INFO records for forwarding."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    logger = logging.getLogger("digitize")
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)


def run_task(fn: Callable[..., Any], *args: Any) -> Any:
    """The Dask task wrapper: prepare the worker (idempotent), then run ``fn(*args)``."""
    _setup_worker()
    return fn(*args)


def worker_preflight(
    engine: str, tesseract_cmd: str, lang: str, readable: Sequence[str], archive: str | None
) -> list[str]:
    """Run on every worker: the problems that would make its pages fail, in Vietnamese.

    Checks the OCR engine and language, that the sources can be read, and that the archive
    is the coordinator's own folder (the probe file it wrote holds the expected token) and
    is writable, so a worker with a local folder of the same name is caught before it
    writes outputs nobody else sees.
    """
    problems: list[str] = []
    try:
        from digitize.ocr import get_engine

        get_engine(engine, tesseract_cmd=tesseract_cmd).check(lang)
    except DigitizeError as e:
        problems.append(str(e))
    for path in readable:
        if not os.access(path, os.R_OK):
            problems.append(f"không đọc được {path} (chưa gắn thư mục dùng chung?)")
    if archive is not None:
        root = Path(archive)
        probe = root / PROBE_NAME
        try:
            token = probe.read_text("utf-8")
        except OSError:
            problems.append(f"không thấy thư mục kho {root} (chưa gắn thư mục dùng chung?)")
        else:
            mine = root / f"{PROBE_NAME}-{uuid.uuid4().hex}"
            try:
                mine.write_text(token, "utf-8")
                mine.unlink()
            except OSError as e:
                problems.append(f"không ghi được vào kho {root} ({e.strerror or e})")
    return problems


# ---------------------------------------------------------------------------------------
# Coordinator side.


def _settle(outer: Future[Any], task: Any) -> None:
    """Pass a finished Dask future's outcome to the ``concurrent.futures`` one we returned.

    A task that killed its workers becomes ``WorkerCrashed`` (the page fails like one that
    kills the local pool); a task cancelled because the scheduler went away becomes
    ``BrokenProcessPool``, which makes the task runner rebuild its executor: we reconnect or
    stop the run with a ClusterError, leaving the pages pending.
    """
    if outer.cancelled():
        return
    distributed = _distributed()
    try:
        status = task.status
        if status == "finished":
            outer.set_result(task.result())
        elif status == "error":
            error = task.exception()
            if isinstance(error, distributed.KilledWorker):
                outer.set_exception(WorkerCrashed(task.key))
            else:
                outer.set_exception(error)
        else:
            outer.set_exception(
                BrokenProcessPool(f"Dask task {task.key} ended as {status} (scheduler lost?)")
            )
    except InvalidStateError:
        pass  # cancelled by shutdown meanwhile
    except Exception as e:  # fetching the result failed: the connection is gone
        with contextlib.suppress(InvalidStateError):
            outer.set_exception(BrokenProcessPool(f"Dask result of {task.key} lost: {e}"))


class DaskExecutor(Executor):
    """A ``concurrent.futures.Executor`` over one Dask client; each task takes one slot.

    Made by ``DaskCluster()``; ``shutdown`` also closes the client when the cluster
    connection was made for one run (``executor_for_run``).
    """

    def __init__(self, cluster: DaskCluster) -> None:
        self._cluster = cluster
        self._pending: dict[str, Any] = {}  # key → Dask future: unreferenced ones are dropped
        self._lock = threading.Lock()
        self._shutdown = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args)`` on a worker holding one ``TESSERACT`` unit."""
        if kwargs:
            raise TypeError("DaskExecutor.submit takes positional arguments only")
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        client = self._cluster.client
        # A readable key: the dashboard's task stream then shows process_page and
        # assemble_document rather than run_task.
        key = f"{getattr(fn, '__name__', 'task')}-{uuid.uuid4().hex}"
        task = client.submit(run_task, fn, *args, key=key, resources=self._cluster.layout.resources)
        outer: Future[Any] = Future()
        with self._lock:
            self._pending[key] = task

        def done(finished: Any) -> None:
            with self._lock:
                self._pending.pop(key, None)
            _settle(outer, finished)

        task.add_done_callback(done)  # type: ignore[no-untyped-call]
        return outer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop; cancel queued tasks when asked (running ones finish on their worker)."""
        if self._shutdown:
            return
        self._shutdown = True
        with self._lock:
            pending = list(self._pending.values())
        client = self._cluster.client
        if pending and client.status == "running":
            try:
                if cancel_futures or not wait:
                    client.cancel(pending)  # type: ignore[no-untyped-call]
                else:
                    _distributed().wait(pending)
            except Exception as e:  # the scheduler is gone: nothing left to cancel
                log.debug("could not cancel %d Dask tasks: %s", len(pending), e)
        if self._cluster.close_with_executor:
            self._cluster.close()


class DaskCluster:
    """A connection to a Dask scheduler, usable as the ``executor`` of ``digitize_archive``.

    Calling it returns a ``DaskExecutor``; ``slots`` tells the task runner how many pages
    run at once, so the in-flight window stays a few times the cluster's cores however
    large the batch. Use it as a context manager, or ``close()`` it.
    """

    def __init__(
        self,
        client: Client,
        address: str,
        *,
        owns_client: bool,
        close_with_executor: bool = False,
    ) -> None:
        self.client = client
        self.address = address
        self.owns_client = owns_client
        self.close_with_executor = close_with_executor
        self.layout = ClusterLayout(0, 0, None)
        self.refresh()

    @property
    def slots(self) -> int:
        """Page tasks that can run at once on the cluster (read by the task runner)."""
        return max(1, self.layout.slots)

    @property
    def dashboard_link(self) -> str | None:
        """Link to the scheduler's dashboard, or None when it serves none (no bokeh)."""
        try:
            link = self.client.dashboard_link
        except Exception:
            return None
        return str(link) if link else None

    def refresh(self) -> ClusterLayout:
        """Look again at the workers (their number and resources may have changed)."""
        layout = layout_of(_scheduler_workers(self.client))
        if layout.without_resource:
            log.warning(
                "Dask workers without --resources %s=1 receive no page: %s",
                RESOURCE,
                ", ".join(layout.without_resource),
            )
        elif layout.resources is None and layout.workers:
            log.warning(
                "no Dask worker declares --resources %s=1: one page per worker thread",
                RESOURCE,
            )
        self.layout = layout
        return layout

    def describe(self) -> str:
        """One line for the archivist: where, how many workers and slots, the dashboard."""
        link = self.dashboard_link or "không có (cài bokeh để xem)"
        return (
            f"Cụm Dask {self.address}: {self.layout.workers} worker, "
            f"{self.layout.slots} trang chạy song song; bảng theo dõi: {link}"
        )

    def __call__(self) -> Executor:
        """A fresh executor; reconnects first if the scheduler connection was lost."""
        if self.client.status != "running":
            if not self.owns_client:
                raise ClusterError(
                    f"Mất kết nối tới Dask scheduler {self.address}; hãy kiểm tra scheduler "
                    "rồi chạy lại cùng lệnh để tiếp tục."
                )
            try:
                self.client = _open_client(self.address, CONNECT_TIMEOUT)
                _wait_for_workers(self.client, self.address, WORKERS_TIMEOUT)
            except ClusterError as e:
                raise ClusterError(
                    f"Mất kết nối tới Dask scheduler {self.address} giữa lần chạy và không "
                    f"kết nối lại được ({e}). Các trang chưa xong vẫn đang chờ: hãy khởi động "
                    "lại scheduler và worker rồi chạy lại cùng lệnh để tiếp tục."
                ) from e
            self.refresh()
            log.warning("reconnected to Dask scheduler %s", self.address)
        return DaskExecutor(self)

    def close(self) -> None:
        """Close the client if this object opened it."""
        if self.owns_client and self.client.status not in ("closed", "closing"):
            with contextlib.suppress(Exception):
                self.client.close(timeout=10)  # type: ignore[no-untyped-call]

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"DaskCluster({self.address!r}, workers={self.layout.workers}, "
            f"slots={self.layout.slots}, dashboard={self.dashboard_link!r})"
        )


def _open_client(address: str, timeout: float) -> Client:
    distributed = _distributed()
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-any-return]
    except (OSError, TimeoutError) as e:
        raise ClusterError(
            f"Không kết nối được tới Dask scheduler {address} sau {timeout:g} giây: hãy kiểm "
            "tra scheduler đã chạy (dask scheduler), địa chỉ, cổng và tường lửa; hoặc bỏ "
            "--scheduler để chạy trên máy này."
        ) from e
    except ValueError as e:
        raise BadArgumentsError(
            f"Địa chỉ scheduler không hợp lệ: {address!r} ({e}); dạng đúng: tcp://MÁY:CỔNG."
        ) from e


def _wait_for_workers(client: Client, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError) as e:
        client.close()  # type: ignore[no-untyped-call]
        raise ClusterError(
            f"Dask scheduler {address} chưa có worker nào sau {timeout:g} giây: trên mỗi máy "
            f"xử lý hãy chạy `dask worker {address} --nthreads 1 --nworkers SỐ_LÕI "
            f"--resources {RESOURCE}=1` (xem docs/scale-out.md)."
        ) from e


def connect(
    scheduler: str | Client,
    *,
    timeout: float | None = None,
    workers_timeout: float | None = None,
) -> DaskCluster:
    """Connect to a scheduler address (or wrap an existing ``distributed.Client``).

    Waits for at least one worker. Raises MissingDependencyError without Dask installed,
    ClusterError when the scheduler is unreachable or has no worker. Timeouts default to
    ``CONNECT_TIMEOUT`` and ``WORKERS_TIMEOUT`` seconds.
    """
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        return DaskCluster(scheduler, str(scheduler.scheduler.address), owns_client=False)
    if not isinstance(scheduler, str):
        raise BadArgumentsError(
            f"scheduler phải là địa chỉ tcp://MÁY:CỔNG hoặc một distributed.Client, "
            f"không phải {type(scheduler).__name__}."
        )
    address = _check_address(scheduler)
    client = _open_client(address, CONNECT_TIMEOUT if timeout is None else timeout)
    _wait_for_workers(
        client, address, WORKERS_TIMEOUT if workers_timeout is None else workers_timeout
    )
    try:
        return DaskCluster(client, address, owns_client=True)
    except BaseException:
        client.close()  # type: ignore[no-untyped-call]
        raise


def cluster_summary(scheduler: str) -> str:
    """Connect, describe the cluster in one Vietnamese line (with the dashboard), close."""
    with connect(scheduler) as cluster:
        return cluster.describe()


def preflight(
    cluster: DaskCluster,
    options: DigitizeOptions,
    *,
    readable: Sequence[Path] = (),
    archive: Path | None = None,
) -> None:
    """Check every worker can run the pages; raise one ClusterError listing every problem."""
    token = secrets.token_hex(16)
    probe = archive / PROBE_NAME if archive is not None else None
    if probe is not None:
        probe.write_text(token, "utf-8")
    try:
        answers = cluster.client.run(
            worker_preflight,
            options.engine,
            options.tesseract_cmd,
            options.lang,
            [str(p) for p in readable],
            str(archive) if archive is not None else None,
        )
    except Exception as e:
        raise ClusterError(
            f"Worker của Dask scheduler {cluster.address} không chạy được mã của digitize "
            f"({type(e).__name__}: {e}); hãy cài cùng phiên bản gói trên mọi máy worker "
            f"({INSTALL_HINT}) rồi khởi động lại worker."
        ) from e
    finally:
        if probe is not None:
            probe.unlink(missing_ok=True)
    problems = [
        f"worker {worker}: {problem}"
        for worker, found in sorted(answers.items())
        for problem in found
    ]
    if cluster.layout.resources is not None and cluster.layout.slots == 0:
        problems.append(f"không worker nào có tài nguyên {RESOURCE}")
    if problems:
        raise ClusterError(
            "Cụm Dask chưa sẵn sàng cho lần chạy này:\n  - "
            + "\n  - ".join(problems)
            + "\nBản quét và kho phải nằm trên thư mục dùng chung, gắn cùng đường dẫn trên "
            "mọi máy (xem docs/scale-out.md)."
        )


def executor_for_run(options: DigitizeOptions, source: Path, archive: Path) -> DaskCluster:
    """The executor ``digitize_archive`` uses when ``options.scheduler`` is set.

    Connects, checks every worker can read ``source`` and write ``archive`` (the same
    folders, not local look-alikes) and has the OCR engine, forwards the workers'
    ``digitize`` log records to this process (hence to the archive's ``digitize.log``), and
    closes the connection when the run's task runner shuts its executor down.
    """
    if not options.scheduler:
        raise BadArgumentsError("options.scheduler chưa được đặt (tcp://MÁY:CỔNG).")
    cluster = connect(options.scheduler)
    try:
        preflight(cluster, options, readable=(source,), archive=archive)
        cluster.client.forward_logging("digitize", level=logging.INFO)  # type: ignore[no-untyped-call]
    except BaseException:
        cluster.close()
        raise
    cluster.close_with_executor = True
    log.info("%s", cluster.describe())
    log.info(
        "Dask: %d workers, %d slots, task resources %s",
        cluster.layout.workers,
        cluster.layout.slots,
        cluster.layout.resources,
    )
    return cluster
