"""Throughput of the batch on a Dask cluster against the local process pool, same cores.

Side by side in one run, interleaved, medians over repeats (the machine is shared):
  * pages: ``digitize_archive`` on the same clean A4 pages (``bench_throughput.make_pages``)
    with the default local pool of N jobs, then with ``scheduler=`` a ``LocalCluster`` of N
    workers (one thread and ``TESSERACT=1`` each). The Dask time includes connecting and
    the worker preflight of every run; the cluster's own start-up is reported apart, since
    a real cluster outlives runs. Target: Dask overhead ≤ 10 % on 2 workers.
  * scaling: the same task runner feeding simulated pages (a fixed amount of CPU work) to
    the local pool and to Dask with 1..N workers: pages/minute, Dask/local ratio and
    speed-up over one worker, up to the cores available.

    .venv/bin/python bench/bench_dask.py --pages 6 --repeats 3 --workers 2 \
        [--sim-seconds 1.0 --sim-pages 8 --sim-kind cpu|sleep] [--skip-pages] [--skip-scaling]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from distributed import LocalCluster

from digitize import digitize_archive
from digitize.executor import Job, TaskRunner, local_pool_factory
from digitize.scaleout import RESOURCE, connect

sys.path.insert(0, str(Path(__file__).parent))
from bench_throughput import make_pages

HOST = "127.0.0.1"


def simulated_page(seconds: float, kind: str = "cpu") -> float:
    """A page without Tesseract: ``seconds`` of CPU work (``cpu``) or of waiting (``sleep``).

    ``sleep`` measures the executors alone: on a shared machine, CPU work is slowed by
    whatever else runs, and the scaling figures then mostly measure the neighbours.
    """
    if kind == "sleep":
        time.sleep(seconds)
        return seconds
    end = time.process_time() + seconds
    x = 0
    while time.process_time() < end:
        x += 1
    return seconds


def start_cluster(workers: int, scratch: Path) -> tuple[LocalCluster, float]:
    """A LocalCluster like production workers (1 thread, TESSERACT=1); start-up seconds."""
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        resources={RESOURCE: 1},
        host=HOST,
        dashboard_address=None,
        local_directory=str(scratch),
        silence_logs=logging.ERROR,
    )
    return cluster, time.perf_counter() - started


def run_pages(
    src: Path, archive: Path, jobs: int, scheduler: str | None, executor: Executor | None = None
) -> float:
    """Seconds for one ``digitize_archive`` into a fresh archive."""
    options: dict[str, Any] = {"jobs": jobs, "preprocess": False}
    if scheduler:
        options["scheduler"] = scheduler
    started = time.perf_counter()
    result = digitize_archive(src, archive, options, executor=executor)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"run failed: {result.failures}")
    return elapsed


def run_simulated(
    executor: Executor | Callable[[], Executor], slots: int, pages: int, seconds: float, kind: str
) -> float:
    """Seconds for the task runner to push ``pages`` simulated pages through ``executor``."""
    jobs = [Job(("page", "sim", n), simulated_page, (seconds, kind)) for n in range(pages)]
    done = 0

    def on_result(job: Job, value: Any, error: BaseException | None) -> list[Job]:
        nonlocal done
        if error is not None:
            raise SystemExit(f"simulated page {job.key} failed: {error!r}")
        done += 1
        return []

    started = time.perf_counter()
    TaskRunner(executor, slots).run(jobs, on_result)
    elapsed = time.perf_counter() - started
    assert done == pages
    return elapsed


def bench_pages(args: argparse.Namespace, root: Path) -> None:
    src = root / "src"
    make_pages(src, args.pages)
    cluster, startup = start_cluster(args.workers, root / "scratch")
    # A pool kept across runs, like the cluster: the executor's own overhead, without the
    # seconds a fresh pool spends spawning workers and importing the library.
    warm = local_pool_factory(args.workers)()
    cold: list[float] = []
    local: list[float] = []
    dask: list[float] = []
    try:
        run_pages(src, root / "warm-up-dask", args.workers, cluster.scheduler_address)
        run_pages(src, root / "warm-up-pool", args.workers, None, warm)
        for r in range(args.repeats):
            cold.append(run_pages(src, root / f"cold-{r}", args.workers, None))
            local.append(run_pages(src, root / f"local-{r}", args.workers, None, warm))
            dask.append(run_pages(src, root / f"dask-{r}", args.workers, cluster.scheduler_address))
    finally:
        warm.shutdown()
        cluster.close()
    c, w, d = (statistics.median(x) for x in (cold, local, dask))
    print(
        f"\n{args.pages} A4 pages at 300 dpi (no preprocessing), {args.workers} jobs/workers, "
        f"medians of {args.repeats}, interleaved:"
    )
    for name, s in (
        ("local pool, fresh per run (CLI default)", c),
        ("local pool, kept warm across runs", w),
        ("Dask LocalCluster (connect + preflight)", d),
    ):
        print(f"  {name:41} {s:6.1f} s  {60 * args.pages / s:6.1f} pages/min")
    print(
        f"  Dask / warm pool time: {d / w:.3f} "
        f"(overhead {100 * (d / w - 1):+.1f} %, target ≤ +10 %)"
    )
    print(f"  Dask / fresh pool time: {d / c:.3f}")
    for name, runs in (("fresh", cold), ("warm", local), ("Dask", dask)):
        print(f"  runs, {name}: {' '.join(f'{t:.1f}' for t in runs)} s")
    print(f"  LocalCluster start-up (once per cluster, not per run): {startup:.1f} s")


def bench_scaling(args: argparse.Namespace, root: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    top = args.max_workers or cores
    what = "CPU-s" if args.sim_kind == "cpu" else "s of waiting"
    print(
        f"\nScaling: {args.sim_pages} simulated pages of {args.sim_seconds:g} {what} per worker "
        f"count, medians of {args.repeats}, interleaved ({cores} cores here; ideal "
        f"{60 / args.sim_seconds:.0f} pages/min per worker):"
    )
    print("  workers  warm pool p/min  Dask p/min  Dask/pool  Dask speed-up  Dask slot use")
    base: float | None = None
    for workers in range(1, top + 1):
        cluster, _ = start_cluster(workers, root / f"scratch-{workers}")
        local: list[float] = []
        dask: list[float] = []
        sim = (args.sim_seconds, args.sim_kind)
        pool = local_pool_factory(workers)()
        try:
            with connect(cluster.scheduler_address) as dc:
                # Warm both: workers started and the task function imported.
                run_simulated(dc, dc.slots, workers, *sim)
                run_simulated(pool, workers, workers, *sim)
                for _ in range(args.repeats):
                    local.append(run_simulated(pool, workers, args.sim_pages, *sim))
                    dask.append(run_simulated(dc, dc.slots, args.sim_pages, *sim))
        finally:
            pool.shutdown()
            cluster.close()
        lp = 60 * args.sim_pages / statistics.median(local)
        dp = 60 * args.sim_pages / statistics.median(dask)
        base = base or dp
        use = dp / (workers * 60 / args.sim_seconds)
        print(
            f"  {workers:7d}  {lp:15.1f}  {dp:10.1f}  {dp / lp:9.3f}  {dp / base:12.2f}×"
            f"  {use:13.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="jobs and workers for pages")
    parser.add_argument("--sim-seconds", type=float, default=1.0)
    parser.add_argument("--sim-pages", type=int, default=8)
    parser.add_argument("--sim-kind", choices=["cpu", "sleep"], default="cpu")
    parser.add_argument("--max-workers", type=int, default=0, help="scale up to (0: cores)")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        root = Path(tmp)
        if not args.skip_pages:
            bench_pages(args, root)
        if not args.skip_scaling:
            bench_scaling(args, root)


if __name__ == "__main__":
    main()
