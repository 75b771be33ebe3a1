"""One small progress protocol shared by the CLI (tqdm) and notebooks (ipywidgets).

The orchestrator is the only caller, always from its own thread, so adapters need no locking.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from tqdm import tqdm


@runtime_checkable
class Progress(Protocol):
    """Receives progress of a long job measured in units (pages, notebooks...)."""

    def start(self, total: int, description: str) -> None:
        """A job of ``total`` units begins; ``description`` is shown to the user."""

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        """``done`` more units finished, of which ``failed`` failed."""

    def finish(self) -> None:
        """The job ended (normally or not); release any display resources."""


class NullProgress:
    """The default: reports nowhere."""

    def start(self, total: int, description: str) -> None:
        pass

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        pass

    def finish(self) -> None:
        pass


class TqdmProgress:
    """Terminal progress bar with rate and ETA, used by the CLI."""

    def __init__(self, unit: str = "trang", *, disable: bool | None = None) -> None:
        self._unit = unit
        self._disable = disable
        self._bar: tqdm[Any] | None = None
        self._failed = 0

    def start(self, total: int, description: str) -> None:
        self._bar = tqdm(total=total, desc=description, unit=self._unit, disable=self._disable)

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        if self._bar is not None:
            self._failed += failed
            if self._failed:
                self._bar.set_postfix_str(f"lỗi: {self._failed}", refresh=False)
            self._bar.update(done)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = None
