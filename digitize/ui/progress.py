"""Progress of a batch as notebooks show it: pages done, pages per minute, ETA, failures.

:class:`ProgressTracker` implements the :class:`digitize.progress.Progress` protocol without
any display. The orchestrator calls it from its own thread (the notebook's worker thread) and
it passes each :class:`RunSnapshot` to its listeners in that same thread, so the rule of
STYLE.md (adapters are updated only from the orchestrating thread) holds. The ipywidgets
listener (:class:`digitize.ui.widgets.ProgressView`) only assigns widget values, which
ipykernel publishes thread-safely; the notebook's main thread stays free.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = ["Phase", "ProgressTracker", "RunSnapshot", "format_duration"]

log = logging.getLogger(__name__)


class Phase(StrEnum):
    """Where a batch stands, as the notebook shows it."""

    IDLE = "idle"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


_PHASE_LABELS = {
    Phase.IDLE: "Chưa chạy",
    Phase.RUNNING: "Đang số hóa",
    Phase.FINISHED: "Đã xong",
    Phase.FAILED: "Dừng vì lỗi",
}


def format_duration(seconds: float | None) -> str:
    """``1 giờ 5 phút``, ``3 phút 20 giây``, ``45 giây``; ``—`` when unknown."""
    if seconds is None or seconds < 0:
        return "—"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes} phút"
    if minutes:
        return f"{minutes} phút {secs} giây"
    return f"{secs} giây"


def _number(value: float) -> str:
    """Vietnamese decimal comma: ``4,2``."""
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class RunSnapshot:
    """What a progress display shows at one moment.

    Attributes:
        phase: idle, running, finished or failed.
        total: pages to process in this run (0 until the run has planned its work).
        done: pages finished in this run, failed ones included.
        failed: pages that failed.
        elapsed: seconds since the pages started.
        message: a Vietnamese status or error line (empty when nothing to say).
    """

    phase: Phase = Phase.IDLE
    total: int = 0
    done: int = 0
    failed: int = 0
    elapsed: float = 0.0
    message: str = ""

    def __post_init__(self) -> None:
        if self.total < 0 or self.done < 0 or self.failed < 0:
            raise ValueError("page counts must not be negative")
        if self.failed > self.done:
            raise ValueError("failed pages are counted among done pages")

    @property
    def fraction(self) -> float:
        """0–1; a finished run with nothing to do counts as complete."""
        if self.total == 0:
            return 1.0 if self.phase is Phase.FINISHED else 0.0
        return min(1.0, self.done / self.total)

    @property
    def percent(self) -> int:
        """Whole percent done."""
        return int(self.fraction * 100)

    @property
    def pages_per_minute(self) -> float:
        """Throughput so far."""
        return 60.0 * self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the current pace; None before the first page."""
        if self.phase is not Phase.RUNNING or self.done == 0 or self.elapsed <= 0:
            return None
        return (self.total - self.done) * self.elapsed / self.done

    def describe(self) -> str:
        """One Vietnamese line: ``Đang số hóa: 3/10 trang (30%) · 4,2 trang/phút · …``."""
        parts = [f"{_PHASE_LABELS[self.phase]}: {self.done}/{self.total} trang ({self.percent}%)"]
        if self.done:
            parts.append(f"{_number(self.pages_per_minute)} trang/phút")
        if self.phase is Phase.RUNNING:
            parts.append(f"còn khoảng {format_duration(self.eta_seconds)}")
        else:
            parts.append(f"thời gian {format_duration(self.elapsed)}")
        parts.append(f"lỗi: {self.failed}")
        return " · ".join(parts)


Listener = Callable[[RunSnapshot], None]


class ProgressTracker:
    """A :class:`~digitize.progress.Progress` that keeps a snapshot and tells listeners.

    Counters are guarded by a lock only so that another thread may *read* ``snapshot``
    (a test, or a UI poll); writes come from the orchestrating thread alone.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot = RunSnapshot()
        self._started: float | None = None
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(snapshot)`` on every change, in the thread that made it."""
        self._listeners.append(listener)
        listener(self.snapshot)

    @property
    def snapshot(self) -> RunSnapshot:
        """The latest state (safe to read from any thread)."""
        with self._lock:
            return self._snapshot

    def _elapsed(self) -> float:
        return self._clock() - self._started if self._started is not None else 0.0

    def _set(self, snapshot: RunSnapshot) -> None:
        with self._lock:
            self._snapshot = snapshot
        for listener in list(self._listeners):
            try:
                listener(snapshot)
            except Exception:
                # A broken display must never stop the batch it reports on.
                log.exception("progress listener failed")

    def begin(self, message: str = "") -> None:
        """A run was asked for: running, nothing counted yet."""
        self._started = self._clock()
        self._set(RunSnapshot(Phase.RUNNING, message=message))

    def start(self, total: int, description: str) -> None:
        """Protocol: the orchestrator planned ``total`` pages."""
        self._started = self._clock()
        self._set(RunSnapshot(Phase.RUNNING, total=total, message=description))

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        """Protocol: more pages finished."""
        s = self.snapshot
        self._set(replace(s, done=s.done + done, failed=s.failed + failed, elapsed=self._elapsed()))

    def finish(self) -> None:
        """Protocol: the page loop ended; the phase is settled by :meth:`end`."""
        self._set(replace(self.snapshot, elapsed=self._elapsed()))

    def end(self, phase: Phase, message: str = "") -> None:
        """The run as a whole ended (documents assembled, or an error stopped it)."""
        self._set(replace(self.snapshot, phase=phase, elapsed=self._elapsed(), message=message))
