"""Wall-clock split of the preprocessing, reported per step for the benchmarks."""

from __future__ import annotations

import time


class Stopwatch:
    """Accumulates wall time per named step; ``lap(name)`` charges the time since the last lap."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - self._last
        self._last = now
