"""Run picklable tasks on any ``concurrent.futures.Executor`` with a bounded window.

The default is a local process pool (one worker per core, Tesseract single-threaded).
The pool is rebuilt when a worker dies (``BrokenProcessPool``); the pages that were in
flight are re-run one at a time so the page that kills workers is identified and failed
instead of taking innocent pages with it. Workers die with the driver (``PR_SET_PDEATHSIG``
on Linux, as the fork server they come from exits with the driver, and a watch of both),
so a killed run leaves no orphans.
Any other executor (e.g. Dask's ``client.get_executor()``) can be plugged in.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digitize.exceptions import ExecutorBrokenError

log = logging.getLogger(__name__)

WINDOW_PER_SLOT = 3  # tasks in flight per worker: keeps workers busy without hoarding memory


@dataclass(frozen=True, slots=True)
class Job:
    """A unit of work: ``fn(*args)`` in a worker; ``key`` identifies it to the caller."""

    key: tuple[Any, ...]
    fn: Callable[..., Any]
    args: tuple[Any, ...] = field(default=())


class WorkerCrashed(Exception):
    """A job's worker process died while running it (it was retried alone and died again)."""


#: Modules a worker needs, imported once in the fork server rather than in every worker
#: (scipy and pikepdf alone cost ~0.5 CPU-s per process).
PRELOAD = ("digitize.worker", "digitize.preprocess", "digitize.assemble")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True


def _watch(parent: int, driver: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent or not _alive(driver):
            os._exit(1)


def worker_init(log_path: str | None, level: int, driver: int, environ: dict[str, str]) -> None:
    """Set up a pool worker: die with the driver, ignore Ctrl-C, one thread for Tesseract.

    ``environ`` is the driver's environment when the pool was made: a worker forked from
    the fork server would otherwise see the environment the server started with (a
    notebook may have set ``TESSDATA_PREFIX`` or ``PATH`` since).
    """
    os.environ.clear()
    os.environ.update(environ)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # Ctrl-C goes to the whole process group; the driver decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent is the driver (spawn) or the fork server, which exits with the driver.
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent or not _alive(driver):  # died before we got here
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, driver), daemon=True).start()
    if log_path:
        handler = logging.FileHandler(log_path, encoding="utf-8")
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
        )
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(level)


def local_pool_factory(
    jobs: int, *, log_path: Path | None = None, level: int = logging.INFO
) -> Callable[[], Executor]:
    """Factory of the default executor: a process pool of ``jobs`` workers.

    Workers are forked from a fork server (``spawn`` where there is none): not from the
    driver, whose SQLite handle, threads and locks they must not inherit. The server is
    started once per driver process with :data:`PRELOAD` imported, so a worker starts
    ready instead of spending ~0.5 CPU-s importing, once per worker and per run (on an
    8-page batch with 2 workers that was 0.12 CPU-s a page).
    """

    def make() -> Executor:
        return ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=_context(),
            initializer=worker_init,
            initargs=(
                str(log_path) if log_path else None,
                level,
                os.getpid(),
                dict(os.environ),
            ),
        )

    return make


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Only takes effect before the server starts (the first pool of this process).
    context.set_forkserver_preload(list(PRELOAD))
    return context


def _kill_pool(executor: Executor) -> None:
    """Stop a process pool now, killing busy workers (used on interrupt and crashes)."""
    processes = dict(getattr(executor, "_processes", None) or {})
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes.values():
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in processes.values():
        with contextlib.suppress(Exception):
            proc.join(5)


class TaskRunner:
    """Feeds jobs to an executor, at most ``window`` in flight, and hands back results.

    Args:
        executor: an executor instance (not owned: never rebuilt or shut down) or a
            zero-argument factory (owned: rebuilt after a crash, shut down at the end).
        slots: parallel workers; the window is ``WINDOW_PER_SLOT × slots``.
    """

    def __init__(self, executor: Executor | Callable[[], Executor], slots: int) -> None:
        if isinstance(executor, Executor):
            self._factory: Callable[[], Executor] | None = None
            self._executor: Executor | None = executor
        else:
            self._factory = executor
            self._executor = None
        self.window = max(2, WINDOW_PER_SLOT * max(1, slots))
        self.crashes = 0

    def _ensure(self) -> Executor:
        if self._executor is None:
            assert self._factory is not None
            self._executor = self._factory()
        return self._executor

    def _rebuild(self) -> bool:
        """Replace a broken pool; False when the executor is not ours to rebuild."""
        if self._factory is None:
            return False
        if self._executor is not None:
            _kill_pool(self._executor)
        self._executor = None
        return True

    def close(self, *, kill: bool = False) -> None:
        """Shut the owned executor down (killing busy workers if ``kill``)."""
        if self._factory is not None and self._executor is not None:
            if kill:
                _kill_pool(self._executor)
            else:
                self._executor.shutdown(wait=True)
        self._executor = None

    def run(
        self,
        jobs: Iterable[Job],
        on_result: Callable[[Job, Any, BaseException | None], Iterable[Job]],
    ) -> None:
        """Run every job; call ``on_result(job, value, error)`` in this thread as each ends.

        ``on_result`` may return follow-up jobs (e.g. assembling a finished document); they
        run before further jobs from ``jobs``. ``error`` is a ``WorkerCrashed`` for a job
        whose worker died, or the exception the job raised.
        """
        source: Iterator[Job] = iter(jobs)
        urgent: deque[Job] = deque()
        suspects: deque[Job] = deque()
        inflight: dict[Future[Any], Job] = {}
        isolated: Job | None = None  # a crash suspect running alone
        exhausted = False
        interrupted = True
        try:
            while True:
                if suspects:
                    # Suspects of a crash run alone, so a second crash names its culprit.
                    if not inflight:
                        isolated = suspects.popleft()
                        inflight[self._submit(isolated)] = isolated
                else:
                    isolated = None
                    while len(inflight) < self.window:
                        if urgent:
                            job = urgent.popleft()
                        elif not exhausted:
                            try:
                                job = next(source)
                            except StopIteration:
                                exhausted = True
                                continue
                        else:
                            break
                        inflight[self._submit(job)] = job
                if not inflight:
                    if suspects or urgent:
                        continue
                    break
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                broken: list[Job] = []
                for fut in done:
                    job = inflight.pop(fut)
                    try:
                        value = fut.result()
                    except BrokenProcessPool:
                        broken.append(job)
                        continue
                    except Exception as e:
                        urgent.extend(on_result(job, None, e))
                        continue
                    urgent.extend(on_result(job, value, None))
                if broken:
                    # Every in-flight future of a broken pool fails; gather them all.
                    broken.extend(inflight.values())
                    inflight.clear()
                    self.crashes += 1
                    culprit = isolated is not None and broken == [isolated]
                    log.warning(
                        "a worker process died with %d job(s) in flight%s",
                        len(broken),
                        "; it ran alone, so it is failed" if culprit else "; retrying them alone",
                    )
                    rebuilt = self._rebuild()
                    for job in broken:
                        if culprit or not rebuilt:
                            urgent.extend(on_result(job, None, WorkerCrashed(job.key)))
                        else:
                            suspects.append(job)
            interrupted = False
        finally:
            self.close(kill=interrupted)

    def _submit(self, job: Job) -> Future[Any]:
        executor = self._ensure()
        try:
            return executor.submit(job.fn, *job.args)
        except BrokenProcessPool as e:
            # Only a caller's executor can still be broken here (ours is rebuilt).
            raise ExecutorBrokenError(
                "Bộ thực thi được truyền vào đã hỏng (một tiến trình con bị dừng đột ngột); "
                "hãy tạo lại nó rồi chạy lại cùng lệnh để tiếp tục."
            ) from e
